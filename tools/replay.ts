import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';
import { NotARecording, openRecording, type RecordingEvents } from '../src/feed/recording-reader';
import { Replayer } from '../src/feed/replay';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run replay -- <recording.jsonl> [--depth N] [--step S]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let file: string | undefined;
let depth = 10;
let step = 0;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--depth' || a === '--step') {
    const n = Number(args[++i]);
    if (!Number.isFinite(n) || n < 0 || (a === '--depth' && (!Number.isInteger(n) || n === 0))) usage(`${a} needs a positive number`);
    if (a === '--depth') depth = n;
    else step = n;
  } else if (!file) {
    file = a;
  } else {
    usage(`unexpected argument ${a}`);
  }
}
if (!file) usage('no recording given');

const recording = await stat(file)
  .then(() => openAsBlob(file))
  .catch((err: Error) => usage(`cannot read ${file}: ${err.message}`));
const replayer = new Replayer();
let events: RecordingEvents;
try {
  // Read as it streams, like the app: a file of any size, with a cap on a single line's length.
  events = await openRecording(recording, replayer);
} catch (err) {
  if (!(err instanceof NotARecording)) throw err;
  process.stderr.write(`${file}: ${err.message}\n`);
  process.exit(1);
}
for await (const event of events) await replayer.event(event);
/** Indented JSON with each level, ladder row and flat object on one line, so a book reads top to bottom. */
function format(value: unknown, pad = ''): string {
  const flat = (v: unknown): boolean => typeof v !== 'object' || v === null || Object.values(v).every((x) => typeof x !== 'object' || x === null);
  if (Array.isArray(value)) {
    if (value.every(flat)) return JSON.stringify(value);
    return `[\n${value.map((x) => `${pad}  ${JSON.stringify(x)}`).join(',\n')}\n${pad}]`;
  }
  if (typeof value === 'object' && value !== null && !flat(value)) {
    const lines = Object.entries(value).map(([k, v]) => `${pad}  ${JSON.stringify(k)}: ${format(v, `${pad}  `)}`);
    return `{\n${lines.join(',\n')}\n${pad}}`;
  }
  return JSON.stringify(value);
}

process.stdout.write(`${format(replayer.report(depth, step))}\n`);
process.stderr.write(`${file}: ${replayer.lines} lines, ${replayer.lineErrors} unreadable\n`);
