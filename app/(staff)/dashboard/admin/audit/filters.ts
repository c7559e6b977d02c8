// Reading the audit log's filters from the query string (pure). A bad value is dropped with a message
// for its field; the rest of the filters still apply.
import type { AuditFilters } from '@/lib/audit/queries';
import { isUuid } from '@/lib/ids';
import { daysBetween, isIsoDate } from '@/lib/metrics/range';
import { isAuditAction } from './labels';

export type FilterField = 'actor' | 'action' | 'entity' | 'from' | 'to';
export type Query = Record<string, string | string[] | undefined>;

const ENTITY_ID = /^[\w-]{1,100}$/;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();

export function parseFilters(query: Query): { filters: AuditFilters; errors: Partial<Record<FilterField, string>>; values: Record<FilterField, string> } {
  const values = {
    actor: first(query.actor),
    action: first(query.action),
    entity: first(query.entity),
    from: first(query.from),
    to: first(query.to),
  };
  const filters: AuditFilters = {};
  const errors: Partial<Record<FilterField, string>> = {};
  if (values.actor) {
    if (isUuid(values.actor)) filters.actorId = values.actor.toLowerCase();
    else errors.actor = 'Select a staff member from the list';
  }
  if (values.action) {
    if (isAuditAction(values.action)) filters.action = values.action;
    else errors.action = 'Select an action from the list';
  }
  if (values.entity) {
    if (ENTITY_ID.test(values.entity)) filters.entityId = values.entity;
    else errors.entity = 'Entity id must be letters, numbers and dashes only, like the id in a lead’s address';
  }
  if (values.from) {
    if (isIsoDate(values.from)) filters.from = values.from;
    else errors.from = 'Start date must be a real date, like 2026-11-01';
  }
  if (values.to) {
    if (isIsoDate(values.to)) filters.to = values.to;
    else errors.to = 'End date must be a real date, like 2026-11-30';
  }
  if (filters.from && filters.to && daysBetween(filters.from, filters.to) < 0) {
    errors.to = 'End date must be the same as or after the start date';
    delete filters.to;
  }
  return { filters, errors, values };
}

/** The query string that repeats the valid filters (for the next page's link). */
export function filterQuery(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.actorId) params.set('actor', filters.actorId);
  if (filters.action) params.set('action', filters.action);
  if (filters.entityId) params.set('entity', filters.entityId);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params;
}
