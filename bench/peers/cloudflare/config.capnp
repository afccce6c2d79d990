# workerd config template for the '@cloudflare/codemode' peer. bench/peers/cloudflare.ts fills the {{...}} slots and
# writes the result to a temp dir (embed paths are relative to that file), then runs
# `workerd serve --experimental config.capnp --control-fd 3`; the listening port is read from fd 3.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .outer)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
  # Process-wide V8 flags; the adapter's `maxOldSpaceMb` option puts `--max-old-space-size` here (none by default).
  v8Flags = [{{V8_FLAGS}}],
);

const outer :Workerd.Worker = (
  modules = [
{{MODULES}}
  ],
  compatibilityDate = "2025-06-01",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [
    # Cloudflare's Worker Loader binding (needs --experimental), given to DynamicWorkerExecutor as `loader`.
    (name = "LOADER", workerLoader = ()),
    # DynamicWorkerExecutor's `timeout` option, in ms.
    (name = "TIMEOUT_MS", text = "{{TIMEOUT_MS}}"),
  ],
);
