import type { StoredVisitor, VisitorStorage } from './visitorStorage.ts';

/** The slug a new conversation goes to: the shop's choice wins over the visitor's pick. */
export const departmentOf = (stored: StoredVisitor): string | null => stored.department ?? stored.picked ?? null;

export interface DepartmentChoice {
  /** `Mostrador('setDepartment', slug)`: kept across pages until the shop changes it; `null` forgets it. */
  setByShop(slug: string | null): void;
  /** The visitor's choice in the picker. */
  pick(slug: string): void;
  /** A conversation exists now: the pick has done its job, so the next chat asks again. The shop's stays. */
  conversationOpened(): void;
}

/** Keeps the department in the visitor's storage (it must survive navigation) and reports the effective one. */
export function createDepartmentChoice(storage: VisitorStorage, publish: (department: string | null) => void): DepartmentChoice {
  const save = (change: Partial<StoredVisitor>) => {
    storage.update(change);
    publish(departmentOf(storage.read()));
  };
  return {
    setByShop: (slug) => save({ department: slug ?? undefined }),
    pick: (slug) => save({ picked: slug }),
    conversationOpened: () => save({ picked: undefined }),
  };
}
