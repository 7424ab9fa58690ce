package io.elbctl.serve;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which local port each of the spec's listeners gets: the one chosen with {@code --listen}, else
 * 443 on 8443, 80 on 8000, a port of 1024 or above on itself, and any other on 8000 + port.
 */
public final class Bindings {
  private Bindings() {}

  /**
   * One binding per listener of {@code spec}.
   *
   * @param chosen listener port to local port (0 picks a free one)
   * @throws ElbctlException (usage) when {@code chosen} names a port no listener has, or a local
   *     port outside 0-65535
   */
  public static List<Binding> forSpec(Spec spec, Map<Integer, Integer> chosen) {
    Set<Integer> specPorts = new LinkedHashSet<>();
    for (Listener listener : spec.loadBalancer().listeners()) {
      specPorts.add(listener.port());
    }
    for (Map.Entry<Integer, Integer> choice : chosen.entrySet()) {
      if (!specPorts.contains(choice.getKey())) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--listen names port "
                + choice.getKey()
                + ", but the spec's listeners are on "
                + specPorts);
      }
      if (choice.getValue() < 0 || choice.getValue() > 65535) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--listen "
                + choice.getKey()
                + "="
                + choice.getValue()
                + ": the local port must be 0-65535");
      }
    }
    List<Binding> bindings = new ArrayList<>();
    for (int port : specPorts) {
      Integer local = chosen.get(port);
      if (local == null) {
        local = port == 443 ? 8443 : port == 80 ? 8000 : port >= 1024 ? port : 8000 + port;
      }
      bindings.add(new Binding(port, local));
    }
    return bindings;
  }
}
