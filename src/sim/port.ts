/**
 * The one loopback origin the app may reach besides the venues: the exchange simulator on 127.0.0.1 at the port
 * fixed when the app was built (SIM_PORT, default 8790; vite.config.ts writes it in). Another port could be any
 * other program on the machine, so the CSP, the worker's allow list and the settings all refuse it.
 */
declare global {
  interface ImportMetaEnv {
    /** As text, the way every import.meta.env value is (Vitest turns a defined number into one too). */
    readonly SIM_PORT: string;
  }
}

export const SIM_PORT: number = Number(import.meta.env.SIM_PORT);
export const SIM_ORIGIN = `http://127.0.0.1:${SIM_PORT}`;
