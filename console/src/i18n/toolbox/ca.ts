import type { ToolboxCatalogue } from './en.ts';

export const toolboxCa: ToolboxCatalogue = {
  'canned.pickerLabel': 'Respostes predefinides',
  'canned.none': 'Cap resposta predefinida coincideix amb «{query}».',
  'canned.hint': '{count} respostes predefinides: ↑ ↓ per triar, Retorn per inserir, Esc per tancar.',
  'canned.inserted': 'S’ha inserit «{title}». Escriviu sobre el camp ressaltat.',
  'canned.insertedDone': 'S’ha inserit «{title}».',
  'mention.title': '{agent} us ha esmentat ({name})',
  'mention.announce': '{agent} us ha esmentat en una nota de {name}: {body}',
  'note.toggle': 'Nota privada',
  'note.placeholder': 'Escriviu una nota privada: només la veuen els agents. @Nom esmenta un company.',
  'note.send': 'Afegeix la nota',
  'note.failed': 'No s’ha desat la nota: {message}',
  'tags.label': 'Etiquetes',
  'tags.add': 'Afegeix una etiqueta',
  'tags.addButton': 'Afegeix',
  'tags.remove': 'Treu l’etiqueta {tag}',
  'tags.failed': 'No s’han canviat les etiquetes: {message}',
};
