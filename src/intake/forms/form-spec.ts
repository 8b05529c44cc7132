import { CATEGORIES_BY_KIND, KINDS, REQUESTER_TYPES, type Kind } from '../../requests/model.ts';

/** One field of a request form. Labels and hints come from the catalogs as `form-field-NAME(-hint)`. */
export interface FieldSpec {
  name: string;
  type: 'text' | 'email' | 'tel' | 'textarea' | 'select' | 'checkbox' | 'country' | 'file';
  required?: boolean;
  /** For selects: the values; their labels are `form-option-NAME-VALUE`. */
  options?: readonly string[];
  autocomplete?: string;
}

/** The forms' URL slugs, one per kind. */
export const FORM_SLUGS: Record<Kind, string> = {
  content_alteration: 'content',
  copyright: 'copyright',
  user_data: 'user-data',
  preservation: 'preservation',
  emergency: 'emergency',
};

export function kindOfSlug(slug: string): Kind | undefined {
  return KINDS.find((kind) => FORM_SLUGS[kind] === slug);
}

const contact: FieldSpec[] = [
  { name: 'name', type: 'text', required: true, autocomplete: 'name' },
  { name: 'organization', type: 'text', autocomplete: 'organization' },
  { name: 'email', type: 'email', required: true, autocomplete: 'email' },
  { name: 'requester_type', type: 'select', options: REQUESTER_TYPES },
  { name: 'country', type: 'country', autocomplete: 'country' },
];

/**
 * The fields of each form. Copyright follows the elements of a notice under 17 U.S.C. §512(c)(3);
 * content alteration those of a notice under Art. 16 of the EU Digital Services Act.
 */
export const FORM_FIELDS: Record<Kind, FieldSpec[]> = {
  copyright: [
    ...contact,
    { name: 'address', type: 'textarea', autocomplete: 'street-address' },
    { name: 'phone', type: 'tel', autocomplete: 'tel' },
    { name: 'work', type: 'textarea', required: true },
    { name: 'urls', type: 'textarea', required: true },
    { name: 'explanation', type: 'textarea' },
    { name: 'attachments', type: 'file' },
    { name: 'good_faith', type: 'checkbox', required: true },
    { name: 'accuracy', type: 'checkbox', required: true },
    { name: 'signature', type: 'text', required: true },
  ],
  content_alteration: [
    ...contact,
    { name: 'category', type: 'select', required: true, options: CATEGORIES_BY_KIND.content_alteration },
    { name: 'urls', type: 'textarea', required: true },
    { name: 'explanation', type: 'textarea', required: true },
    { name: 'laws', type: 'text' },
    { name: 'jurisdiction', type: 'country' },
    { name: 'attachments', type: 'file' },
    { name: 'good_faith', type: 'checkbox', required: true },
  ],
  user_data: [
    ...contact,
    { name: 'category', type: 'select', required: true, options: CATEGORIES_BY_KIND.user_data },
    { name: 'legal_basis', type: 'textarea', required: true },
    { name: 'accounts', type: 'textarea' },
    { name: 'project', type: 'text' },
    { name: 'urls', type: 'textarea' },
    { name: 'explanation', type: 'textarea' },
    { name: 'attachments', type: 'file' },
  ],
  preservation: [
    ...contact,
    { name: 'legal_basis', type: 'textarea', required: true },
    { name: 'accounts', type: 'textarea' },
    { name: 'project', type: 'text' },
    { name: 'urls', type: 'textarea' },
    { name: 'explanation', type: 'textarea' },
    { name: 'attachments', type: 'file' },
  ],
  emergency: [
    ...contact,
    { name: 'phone', type: 'tel', autocomplete: 'tel' },
    { name: 'category', type: 'select', required: true, options: CATEGORIES_BY_KIND.emergency },
    { name: 'explanation', type: 'textarea', required: true },
    { name: 'accounts', type: 'textarea' },
    { name: 'project', type: 'text' },
    { name: 'urls', type: 'textarea' },
    { name: 'attachments', type: 'file' },
  ],
};
