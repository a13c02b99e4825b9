import type { OutgoingContent } from './types';

type TemplateContent = Extract<OutgoingContent, { template: unknown }>['template'];
type TemplateButtonInput = TemplateContent['buttons'][number];

const nonEmptyLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * One button per line: `Label | https://link` opens a link, `Label | postback:interaction-id` sends a
 * postback. Split at the first `|` only (a link may contain one). Whatever else is sent as written, so
 * Wix's own validation explains what is wrong with it.
 */
export function parseButtons(text: string): TemplateButtonInput[] {
  return nonEmptyLines(text).map((line) => {
    const at = line.indexOf('|');
    const label = (at === -1 ? line : line.slice(0, at)).trim();
    const target = at === -1 ? '' : line.slice(at + 1).trim();
    return target.startsWith('postback:')
      ? { label, postbackProperties: { interactionId: target.slice('postback:'.length).trim() } }
      : { label, launchUrl: target };
  });
}

export interface TemplateFields {
  title: string;
  lines: string;
  imageUrl: string;
  buttons: string;
}

/** The composer's template fields as message content; empty title and image are left out. */
export function templateContent(fields: TemplateFields): OutgoingContent {
  const title = fields.title.trim();
  const imageUrl = fields.imageUrl.trim();
  return {
    template: {
      ...(title ? { title } : {}),
      ...(imageUrl ? { imageUrl } : {}),
      textLines: nonEmptyLines(fields.lines),
      buttons: parseButtons(fields.buttons),
    },
  };
}
