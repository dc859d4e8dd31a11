/** The project page's sections build from the shared UI kit and these project-page parts (CSV, long lists, people). */
export { Field } from '../../../shared/ui/field';
export { FormError } from '../../../shared/ui/form-error';
export { ErrorScope } from '../../../shared/ui/error-scope';
export { useSave } from '../../../shared/ui/save';
export { CsvButton, FormActions, PersonField, useTask, withData } from './forms';
export { HeadRow, ListFooter, readAllPages, splitList, usePagedList, type ListPage } from './lists';
export { HealthLozenge } from './health';
