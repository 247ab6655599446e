import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../playwright.config';

export default function globalSetup(): void {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run tools/ensure-chromium.sh (npm test does)`);
}
