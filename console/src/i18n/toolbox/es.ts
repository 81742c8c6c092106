import type { ToolboxCatalogue } from './en.ts';

export const toolboxEs: ToolboxCatalogue = {
  'canned.pickerLabel': 'Respuestas predefinidas',
  'canned.none': 'Ninguna respuesta predefinida coincide con «{query}».',
  'canned.hint': '{count} respuestas predefinidas: ↑ ↓ para elegir, Intro para insertar, Esc para cerrar.',
  'canned.inserted': 'Se ha insertado «{title}». Escribe sobre el campo resaltado.',
  'canned.insertedDone': 'Se ha insertado «{title}».',
  'mention.title': '{agent} te ha mencionado ({name})',
  'mention.announce': '{agent} te ha mencionado en una nota de {name}: {body}',
  'note.toggle': 'Nota privada',
  'note.placeholder': 'Escribe una nota privada: solo la ven los agentes. @Nombre menciona a un compañero.',
  'note.send': 'Añadir nota',
  'note.failed': 'No se ha guardado la nota: {message}',
  'tags.label': 'Etiquetas',
  'tags.add': 'Añadir una etiqueta',
  'tags.addButton': 'Añadir',
  'tags.remove': 'Quitar la etiqueta {tag}',
  'tags.failed': 'No se han cambiado las etiquetas: {message}',
};
