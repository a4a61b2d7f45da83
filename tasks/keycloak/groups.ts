import { TaskError, type Ctx } from '../core/index.js';
import { keycloakAdmin } from './admin.js';
import { call, change, requireUser, type Kc } from './session.js';

/** A top-level group with exactly this name (upstream searches, then matches the name). */
export async function findGroup(ctx: Ctx, kc: Kc, name: string) {
  const found = await call(ctx, `look up group ${name}`, () => kc.groups.find({ search: name }));
  const group = found.find((g) => g.name === name);
  return group as (NonNullable<typeof group> & { id: string }) | undefined;
}

async function requireGroup(ctx: Ctx, kc: Kc, name: string) {
  const group = await findGroup(ctx, kc, name);
  if (!group) throw new TaskError(`group ${name} not found`);
  return group;
}

/** Creates a group (optionally under a parent, with a description); an existing one stays. */
export async function createGroup(
  ctx: Ctx,
  realm: string,
  name: string,
  parent = '',
  description = '',
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  let parentId: string | undefined;
  if (kc) {
    const existing = await findGroup(ctx, kc, name);
    if (existing) {
      ctx.log.info(`  group ${name} already exists (id ${existing.id})`);
      return;
    }
    if (parent) parentId = (await requireGroup(ctx, kc, parent)).id;
  }
  const rep = { name, ...(description && { attributes: { description: [description] } }) };
  const where = parent ? ` under ${parent}` : '';
  const done = await change(ctx, kc, `create group ${name}${where} in realm ${realm}`, (k) =>
    parentId ? k.groups.createChildGroup({ id: parentId }, rep) : k.groups.create(rep),
  );
  if (done) ctx.log.ok(`group ${name} created${where} (id ${done.result.id})`);
}

/** Deletes a group after confirmation, naming its members and subgroups first. */
export async function deleteGroup(ctx: Ctx, realm: string, name: string): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const group = kc ? await findGroup(ctx, kc, name) : undefined;
  if (kc && !group) {
    ctx.log.info(`  group ${name} not found`);
    return;
  }
  if (kc && group) {
    const members = await call(ctx, `list members of ${name}`, () =>
      kc.groups.listMembers({ id: group.id }),
    );
    if (members.length) {
      ctx.log.warn(`group ${name} has ${members.length} members; they leave the group:`);
      for (const m of members)
        ctx.log.info(`  - ${m.username} (${m.firstName ?? ''} ${m.lastName ?? ''})`);
    }
    const subGroups = await call(ctx, `list subgroups of ${name}`, () =>
      kc.groups.listSubGroups({ parentId: group.id }),
    );
    if (subGroups.length) {
      ctx.log.warn(`group ${name} has ${subGroups.length} subgroups; they are deleted too:`);
      for (const g of subGroups) ctx.log.info(`  - ${g.name}`);
    }
  }
  if (name === 'vault-admins')
    ctx.log.warn('deleting vault-admins removes Vault admin access for all its members');
  if (!(await ctx.effects.confirm(`Delete group ${name}?`)))
    throw new TaskError(`group ${name} was not deleted`, 'pass --yes to delete without asking');
  const done = await change(ctx, kc, `delete group ${name} in realm ${realm}`, (k) =>
    k.groups.del({ id: group!.id }),
  );
  if (done) ctx.log.ok(`group ${name} deleted`);
}

/** Adds or removes a user's membership; already so is fine. */
export async function setMembership(
  ctx: Ctx,
  realm: string,
  username: string,
  groupName: string,
  member: boolean,
): Promise<void> {
  const kc = await keycloakAdmin(ctx, realm);
  const verb = member
    ? `add user ${username} to group ${groupName}`
    : `remove user ${username} from group ${groupName}`;
  if (!kc) {
    ctx.effects.note(verb);
    return;
  }
  const user = await requireUser(ctx, kc, realm, username);
  const group = await requireGroup(ctx, kc, groupName);
  const groups = await call(ctx, `list groups of ${username}`, () =>
    kc.users.listGroups({ id: user.id }),
  );
  if (groups.some((g) => g.id === group.id) === member) {
    ctx.log.info(
      `  user ${username} is ${member ? 'already' : 'not'} a member of group ${groupName}`,
    );
    return;
  }
  const done = await change(ctx, kc, verb, (k) =>
    member
      ? k.users.addToGroup({ id: user.id, groupId: group.id })
      : k.users.delFromGroup({ id: user.id, groupId: group.id }),
  );
  if (done)
    ctx.log.ok(
      member
        ? `user ${username} added to group ${groupName}`
        : `user ${username} removed from group ${groupName}`,
    );
}
