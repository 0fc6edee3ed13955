package io.agentmesh.node;

import io.agentmesh.node.config.ConfigException;

/** The command line: {@code --roles a,b} and {@code --config file.json}, both optional. */
record NodeArguments(String roles, String configFile) {

  static NodeArguments parse(String[] args) {
    String roles = null;
    String configFile = System.getenv("AGENTMESH_CONFIG");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--roles") || arg.equals("--config")) {
        if (i + 1 >= args.length) {
          throw new ConfigException(arg, "needs a value");
        }
        if (arg.equals("--roles")) {
          roles = args[++i];
        } else {
          configFile = args[++i];
        }
      } else if (arg.startsWith("--roles=")) {
        roles = arg.substring("--roles=".length());
      } else if (arg.startsWith("--config=")) {
        configFile = arg.substring("--config=".length());
      } else {
        throw new ConfigException(arg, "unknown argument; use --roles a,b and --config file.json");
      }
    }
    return new NodeArguments(roles, configFile);
  }
}
