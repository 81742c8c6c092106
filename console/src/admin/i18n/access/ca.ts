import type { AccessCatalogue } from './en.ts';

export const accessCa: AccessCatalogue = {
  'agents.statusDeactivated': 'Desactivat',
  'agents.accessHeading': 'Accés',
  'agents.deactivate': 'Desactiva',
  'agents.deactivateHint': "Tanca de seguida totes les sessions de {name} i torna els seus xats oberts a la cua. L'historial es conserva.",
  'agents.deactivateTitle': 'Vols desactivar {name}?',
  'agents.deactivateWarning':
    '{name} surt de seguida de tots els dispositius i no pot tornar a entrar fins que el reactivis. Els seus xats oberts tornen a la cua.',
  'agents.reactivate': 'Reactiva',
  'agents.reactivateHint': '{name} està desactivat i no pot iniciar sessió.',
  'agents.deactivated': "S'ha desactivat {name}.",
  'agents.reactivated': '{name} pot tornar a iniciar sessió.',
};
