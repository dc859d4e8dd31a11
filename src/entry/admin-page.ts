import { ADMIN_PAGE_FUNCTIONS } from '../contract';
import {
  createDepartment,
  deleteDepartment,
  departmentPeople,
  listDepartments,
  rebuildPeopleIndex,
  searchUsers,
  updateDepartment,
} from '../app/directory/manage-departments';
import { defineSurface } from './resolver-kit';
import { productionDeps } from './deps';
import { dependenciesAdminHandlers } from './handlers/dependencies';
import { escalationsAdminHandlers } from './handlers/escalations';

/** Resolver of the `jira:adminPage` module: the department directory. The acting admin comes from the context. */
export const adminPageResolver = defineSurface(
  ADMIN_PAGE_FUNCTIONS,
  {
    listDepartments: ({ deps, ctx }) => listDepartments(deps, ctx),
    createDepartment: ({ deps, ctx, input }) => createDepartment(deps, ctx, input),
    updateDepartment: ({ deps, ctx, input }) => updateDepartment(deps, ctx, input),
    deleteDepartment: ({ deps, ctx, input }) => deleteDepartment(deps, ctx, input),
    rebuildPeopleIndex: ({ deps, ctx }) => rebuildPeopleIndex(deps, ctx),
    departmentPeople: ({ deps, input }) => departmentPeople(deps, input.id),
    searchUsers: ({ deps, ctx, input }) => searchUsers(deps, ctx, input.query),
    ...dependenciesAdminHandlers,
    ...escalationsAdminHandlers,
  },
  productionDeps,
);
