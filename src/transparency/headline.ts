import type { TransparencyReport } from './report-shape.ts';

/**
 * The headline's figures. A takedown request is a demand to remove or change content: the
 * content-alteration requests and the copyright takedown notices, without the counter-notices
 * (which ask for content to be put back). Granted counts those granted in full or in part.
 */
export function takedownFigures(report: TransparencyReport): { received: number; granted: number } {
  const { content_alteration: content, copyright } = report;
  return {
    received: content.received + copyright.received,
    granted: content.granted + content.partially_granted + copyright.granted + copyright.partially_granted,
  };
}
