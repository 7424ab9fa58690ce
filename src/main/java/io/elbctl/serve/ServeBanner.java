package io.elbctl.serve;

import io.elbctl.sim.CompiledListener;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.List;

/** The lines {@code serve} starts with: where each listener and target group is on this machine. */
public final class ServeBanner {
  private ServeBanner() {}

  public static List<String> lines(
      Spec spec, LocalTargets.Result local, LocalAlb alb, String bind, boolean selfSigned) {
    List<String> lines = new ArrayList<>();
    lines.add("serving " + spec.loadBalancer().name() + " on this machine:");
    String host = bind.equals("127.0.0.1") || bind.equals("0.0.0.0") ? "localhost" : bind;
    for (CompiledListener listener : alb.router().listeners()) {
      String scheme = listener.https() ? "https" : "http";
      lines.add(
          "  listener "
              + listener.port()
              + " "
              + listener.protocol()
              + " -> "
              + scheme
              + "://"
              + host
              + ":"
              + alb.localPort(listener.port())
              + "/");
    }
    for (TargetGroup group : local.spec().targetGroups()) {
      List<String> where = new ArrayList<>();
      String scheme = "HTTPS".equalsIgnoreCase(group.protocol()) ? "https" : "http";
      for (Target target : group.targets()) {
        where.add(scheme + "://" + target.id() + ":" + group.portOf(target));
      }
      lines.add(
          "  target group "
              + group.name()
              + ": "
              + (where.isEmpty() ? "no local targets" : String.join(", ", where)));
    }
    for (String note : local.notes()) {
      lines.add("note: " + note);
    }
    if (selfSigned && spec.loadBalancer().listeners().stream().anyMatch(Listener::https)) {
      lines.add(
          "  TLS: a self-signed certificate for localhost and "
              + String.join(", ", ServerCertificate.names(spec))
              + " (browsers warn; curl needs -k)");
    }
    lines.add(
        "  desync mitigation: "
            + alb.mode.jsonName()
            + (alb.dropInvalidHeaderFields ? ", invalid header fields dropped" : "")
            + "; event loops: "
            + alb.transport());
    lines.add("Ctrl-C stops.");
    return lines;
  }
}
