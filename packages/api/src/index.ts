export { createApp, coreModules, type FlowdeckApp, type RouteModule } from './app.ts';
export { type AppConfig, defaultConfig, loadConfig } from './config.ts';
export { type AppDeps, type NowClock, systemNow } from './deps.ts';
export { openDatabase } from './db/open.ts';
export { permissionsByRole, permissionsOf, roles, type Permission, type Role } from './access/permissions.ts';
