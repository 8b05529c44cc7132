import type { ColumnType, Generated, Selectable } from 'kysely';

export type MediaState = 'draft' | 'published' | 'withdrawn';

/** An image of the media library, its bytes, and the credit its licence asks for. */
export interface MediaImagesTable {
  id: Generated<number>;
  /** How content names the image, e.g. `reading-room`. */
  slug: string;
  state: Generated<MediaState>;
  content_type: string;
  width: number;
  height: number;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  filename: string;
  /** Alternative text by language code: `{"en": "…", "es": "…"}`. */
  alt_text: ColumnType<Record<string, string>, string | undefined, string>;
  author: string | null;
  /** An identifier from src/media/licences.ts. */
  licence: string | null;
  source_url: string | null;
  uploaded_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  published_at: Date | null;
  withdrawn_at: Date | null;
}

export type MediaImageRow = Selectable<MediaImagesTable>;
