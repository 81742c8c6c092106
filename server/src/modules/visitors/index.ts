export { VisitorsRepository, type VisitorRow } from './visitors.repository.ts';
export { VisitorsService, type IdentifiedVisitor } from './visitors.service.ts';
