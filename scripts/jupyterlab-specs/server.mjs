/**
 * The `jupyter lab` a target runs against: waiting for it, stopping it and its kernels,
 * and whether its port is free (scripts/jupyterlab-specs.mjs).
 */
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';

export async function waitForLab(server, logFile, labUrl) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(
        `jupyter lab stopped (exit ${server.exitCode}); see ${logFile}`
      );
    }
    try {
      const response = await fetch(labUrl);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  throw new Error(
    `jupyter lab did not answer on ${labUrl} within 2 minutes; see ${logFile}`
  );
}

export function isListening(port) {
  return new Promise(resolve => {
    const socket = net.connect({ port, host: 'localhost' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Stop the server and its kernels (its own process group, started detached). */
export function stopServer(server) {
  if (server.exitCode !== null) {
    return;
  }
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && isAlive(server.pid)) {
    spawnSync('sleep', ['0.2']);
  }
  if (isAlive(server.pid)) {
    process.kill(-server.pid, 'SIGKILL');
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
