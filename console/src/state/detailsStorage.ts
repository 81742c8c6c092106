/** Whether the visitor side panel is shown in conversation panes; shown until the agent hides it. */
const DETAILS_KEY = 'mostrador.console.visitorDetails';

export function loadDetailsExpanded(): boolean {
  try {
    return localStorage.getItem(DETAILS_KEY) !== 'collapsed';
  } catch {
    return true;
  }
}

export function saveDetailsExpanded(expanded: boolean): void {
  try {
    localStorage.setItem(DETAILS_KEY, expanded ? 'expanded' : 'collapsed');
  } catch {
    // Without storage the choice lasts as long as the page.
  }
}
