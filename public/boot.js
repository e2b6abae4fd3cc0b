// The loading screen's hooks (index.html and embed.html, `data-initializer`): Trunk's loader
// calls them while it downloads and starts the wasm. They fill the progress bar and, if the
// wasm cannot start (the network dropped, a browser without WebAssembly), say so on the
// screen instead of leaving the learner before a bar that never fills. Once the app mounts,
// src/lib.rs `start` removes the screen, and these hooks find nothing more to change.
export default function initializer() {
  const el = (id) => document.getElementById(id);
  return {
    onProgress({ current, total }) {
      const bar = el('boot-progress');
      if (!bar || !total) return;
      bar.max = total;
      bar.value = Math.min(current, total);
      if (current >= total) el('boot-status').textContent = el('boot').dataset.starting;
    },
    onFailure(reason) {
      const boot = el('boot');
      if (!boot) return;
      boot.removeAttribute('aria-busy');
      boot.classList.add('boot-failed');
      const status = el('boot-status');
      status.setAttribute('role', 'alert');
      status.textContent = boot.dataset.failed;
      const detail = document.createElement('p');
      detail.className = 'boot-detail';
      detail.textContent = String(reason);
      // A reload keeps the address, a share link's `#s=` with it (a link to the same address
      // would only scroll).
      const reload = document.createElement('button');
      reload.type = 'button';
      reload.className = 'primary';
      reload.textContent = 'Reload';
      reload.addEventListener('click', () => location.reload());
      status.after(detail, reload);
    },
  };
}
