import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, type DesktopBridge, IPC_PROTOCOL_VERSION } from '../ipc/contract';

// The one surface the page sees: named verbs over fixed channels, never ipcRenderer itself.
const bridge: DesktopBridge = {
  ipcVersion: IPC_PROTOCOL_VERSION,
  app: {
    version: () => ipcRenderer.invoke('app:version'),
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
