/** The agent's toolbox in the inbox: canned replies, notes, tags and search. */
export const toolboxEn = {
  'canned.pickerLabel': 'Canned replies',
  'canned.none': 'No canned reply matches “{query}”.',
  'canned.hint': '{count} canned replies: ↑ ↓ to choose, Enter to insert, Esc to close.',
  'canned.inserted': 'Inserted “{title}”. Type over the highlighted prompt.',
  'canned.insertedDone': 'Inserted “{title}”.',
  'mention.title': '{agent} mentioned you ({name})',
  'mention.announce': '{agent} mentioned you in a note on {name}: {body}',
  'note.toggle': 'Private note',
  'note.placeholder': 'Write a private note: only agents see it. @Name mentions a colleague.',
  'note.send': 'Add note',
  'note.failed': 'The note was not saved: {message}',
  'tags.label': 'Tags',
  'tags.add': 'Add a tag',
  'tags.addButton': 'Add',
  'tags.remove': 'Remove tag {tag}',
  'tags.failed': 'Tags not changed: {message}',
};

export type ToolboxCatalogue = { readonly [Key in keyof typeof toolboxEn]: string };
