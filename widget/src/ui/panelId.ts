/** The panel's element id: the launcher (boot/launcher.ts) names it in aria-controls, the panel (ui/App.tsx) carries it. */
export const PANEL_ID = 'mostrador-panel';
