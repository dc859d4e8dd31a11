/** The project page's sections build from the shared UI kit and these project-page parts (CSV, long lists, people). */
export { Field, FormError, useSave } from '../../../shared/ui';
export { CsvButton, FormActions, PersonField, useTask, withData } from './forms';
export { HeadRow, ListFooter, readAllPages, splitList, usePagedList, type ListPage } from './lists';
export { HealthLozenge } from './health';
