/**
 * The UI kit every surface builds its views from: a view's loading and error states, a write in progress and
 * its error, notices, labelled fields and a form's buttons. Words come from the surface (the kit ships only the
 * shared `common.*` strings), so no bundle carries another surface's.
 */
export { useCall, type CallState } from '../use-call';
export { Loaded, NotLoaded } from './loaded';
export { useSave, type Save } from './save';
export { useTask } from './task';
export { FormError } from './form-error';
export { FormActions, type FormActionsProps } from './form-actions';
export { ErrorNotice, Notice, type NoticeTone } from './notice';
export { Field } from './field';
