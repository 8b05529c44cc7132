import { Type, type Static, type TSchema } from 'typebox';
import { CATEGORIES_BY_KIND, KINDS, PARTY_ROLES, REQUESTER_TYPES } from '../requests/model.ts';

/**
 * The one schema of a new request, whichever channel it comes by: the JSON API validates its
 * body against it, the web forms and parsed e-mail are turned into it, and the OpenAPI document
 * is generated from it.
 */

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

const ALL_CATEGORIES = [...new Set(Object.values(CATEGORIES_BY_KIND).flat())];

export const RequesterInput = Type.Object(
  {
    name: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300 }))),
    organization: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    type: Type.Optional(Nullable(Type.Enum([...REQUESTER_TYPES]))),
    country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }))),
  },
  { additionalProperties: false },
);

export const TargetInput = Type.Object(
  {
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2048, description: 'A page, revision or file; its project is taken from the host' })),
    account: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'A user account named by the request' })),
    project: Type.Optional(Type.String({ minLength: 3, maxLength: 253, description: 'The project of an account, e.g. en.wikipedia.org' })),
  },
  { additionalProperties: false },
);

export const PartyInput = Type.Object(
  {
    role: Type.Enum([...PARTY_ROLES]),
    name: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    organization: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
    address: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
  },
  { additionalProperties: false },
);

export const AttachmentInput = Type.Object(
  {
    filename: Type.String({ minLength: 1, maxLength: 255 }),
    content_type: Type.Optional(Type.String({ maxLength: 255, description: 'As declared; the stored type is judged from the bytes' })),
    content_base64: Type.String({ minLength: 1, maxLength: 14_000_000, pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'The file, base64-encoded (at most 10 MB decoded)' }),
  },
  { additionalProperties: false },
);

export const RequestInput = Type.Object(
  {
    kind: Type.Enum([...KINDS]),
    category: Type.Optional(Nullable(Type.Enum(ALL_CATEGORIES, { description: 'Ground, instrument or threat; which ones apply depends on the kind' }))),
    external_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Your own id; sending it again returns the request already created' })),
    received_at: Type.Optional(Type.String({ format: 'date-time', description: 'When the demand was received, if not now' })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', description: "The requester's language, for replies" })),
    requester: RequesterInput,
    jurisdiction: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    laws_cited: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { maxItems: 50 })),
    text: Type.String({ minLength: 1, maxLength: 200_000, description: 'The demand as the requester wrote it' }),
    targets: Type.Array(TargetInput, { minItems: 1, maxItems: 1000 }),
    parties: Type.Optional(Type.Array(PartyInput, { maxItems: 50 })),
    counter_notice_to: Type.Optional(Type.String({ pattern: '^[A-Z][A-Z0-9]*-[0-9A-Za-z-]+$', description: 'Reference of the notice a counter-notice answers' })),
    attachments: Type.Optional(Type.Array(AttachmentInput, { maxItems: 20 })),
  },
  { additionalProperties: false, $id: 'RequestInput' },
);

export type RequestInputValue = Static<typeof RequestInput>;
