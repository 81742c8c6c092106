import type { AccessCatalogue } from './en.ts';

export const accessEs: AccessCatalogue = {
  'agents.statusDeactivated': 'Desactivado',
  'agents.accessHeading': 'Acceso',
  'agents.deactivate': 'Desactivar',
  'agents.deactivateHint':
    'Cierra al momento todas las sesiones de {name} y devuelve sus chats abiertos a la cola. El historial se conserva.',
  'agents.deactivateTitle': '¿Desactivar a {name}?',
  'agents.deactivateWarning':
    '{name} sale al momento de todos los dispositivos y no puede volver a entrar hasta que lo reactives. Sus chats abiertos vuelven a la cola.',
  'agents.reactivate': 'Reactivar',
  'agents.reactivateHint': '{name} está desactivado y no puede iniciar sesión.',
  'agents.deactivated': 'Se ha desactivado a {name}.',
  'agents.reactivated': '{name} puede volver a iniciar sesión.',
};
