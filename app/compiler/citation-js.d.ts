declare module "@citation-js/core" {
  export class Cite {
    constructor(data: unknown);
    data: Array<Record<string, unknown> & { id: string }>;
    format(format: string, options?: Record<string, unknown>): string;
  }
  export const plugins: {
    config: { get(name: string): any };
  };
}
declare module "@citation-js/plugin-bibtex";
declare module "@citation-js/plugin-csl";
