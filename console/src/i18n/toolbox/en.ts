/** The agent's toolbox in the inbox: canned replies, notes, tags and search. */
export const toolboxEn = {
  'canned.pickerLabel': 'Canned replies',
  'canned.none': 'No canned reply matches “{query}”.',
  'canned.hint': '{count} canned replies: ↑ ↓ to choose, Enter to insert, Esc to close.',
  'canned.inserted': 'Inserted “{title}”. Type over the highlighted prompt.',
  'canned.insertedDone': 'Inserted “{title}”.',
};

export type ToolboxCatalogue = { readonly [Key in keyof typeof toolboxEn]: string };
