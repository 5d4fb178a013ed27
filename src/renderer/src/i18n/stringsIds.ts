/**
 * What an id names (its role: `volume`, `execution`, `global-request`…), as the trace chips and
 * the event detail show it. The roles are extractIds' (ID_ROLES); a role not listed is shown as written.
 */
export const idsEn = {
  idRoleVolume: 'volume',
  idRoleServer: 'server',
  idRoleInstance: 'instance',
  idRoleExecution: 'execution',
  idRoleTask: 'task',
  idRoleAction: 'action',
  idRoleImage: 'image',
  idRoleSnapshot: 'snapshot',
  idRolePort: 'port',
  idRoleNetwork: 'network',
  idRoleSubnet: 'subnet',
  idRoleRouter: 'router',
  idRoleProject: 'project',
  idRoleUser: 'user',
  idRoleDomain: 'domain',
  idRoleStack: 'stack',
  idRoleCell: 'cell',
  idRoleBackup: 'backup',
  idRoleNode: 'node',
  idRoleHost: 'host',
  idRoleMigration: 'migration',
  idRoleGuest: 'guest',
  idRoleStorage: 'storage',
  idRoleDisk: 'disk',
  idRoleGlobalRequest: 'global request',
  idRoleXRequestId: 'X-Request-ID',
  idRoleTrace: 'trace',
  idRoleCloudpodsRid: 'Cloudpods request',
};

export type IdRoleKey = keyof typeof idsEn;

export const idsZh: Record<IdRoleKey, string> = {
  idRoleVolume: '卷',
  idRoleServer: '云主机',
  idRoleInstance: '实例',
  idRoleExecution: '执行',
  idRoleTask: '任务',
  idRoleAction: '动作',
  idRoleImage: '镜像',
  idRoleSnapshot: '快照',
  idRolePort: '端口',
  idRoleNetwork: '网络',
  idRoleSubnet: '子网',
  idRoleRouter: '路由器',
  idRoleProject: '项目',
  idRoleUser: '用户',
  idRoleDomain: '域',
  idRoleStack: '堆栈',
  idRoleCell: '单元',
  idRoleBackup: '备份',
  idRoleNode: '节点',
  idRoleHost: '主机',
  idRoleMigration: '迁移',
  idRoleGuest: '客户机',
  idRoleStorage: '存储',
  idRoleDisk: '磁盘',
  idRoleGlobalRequest: '全局请求',
  idRoleXRequestId: 'X-Request-ID',
  idRoleTrace: '追踪',
  idRoleCloudpodsRid: 'Cloudpods 请求',
};

/** The dictionary key of a role (`global-request` → `idRoleGlobalRequest`), or null for a role not listed. */
export function idRoleKey(role: string): IdRoleKey | null {
  const key = `idRole${role.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
  return key in idsEn ? (key as IdRoleKey) : null;
}

/** A role in the current language (`say` is `t`), as written when it is not listed. */
export function idRoleName(role: string, say: (key: IdRoleKey) => string): string {
  const key = idRoleKey(role);
  return key ? say(key) : role;
}
