package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.sim.TargetPicker;
import java.io.PrintWriter;
import java.time.Instant;

/** Renders the target simulate would pick: algorithm, stickiness and the cookies ALB sets. */
final class PickRenderer {
  private PickRenderer() {}

  static void text(TargetPicker.Pick pick, Terminal terminal, PrintWriter out) {
    out.println(
        "  algorithm: "
            + pick.algorithm()
            + (pick.slowStartSeconds() > 0
                ? " with slow start " + pick.slowStartSeconds() + " s"
                : "")
            + (pick.stickiness() == null ? "" : "; stickiness " + pick.stickiness()));
    out.println(
        terminal.green("  → target " + pick.target().target().key() + " of " + pick.group().name())
            + " ("
            + pick.how()
            + ")");
    for (String cookie : pick.setCookies()) {
      out.println("  Set-Cookie: " + cookie);
    }
    if (pick.appCookie() != null) {
      out.println(
          "  when the target's answer sets cookie "
              + pick.appCookie()
              + ", the ALB adds Set-Cookie: "
              + pick.appStickinessCookie(Instant.now()));
    }
  }

  static void json(TargetPicker.Pick pick, ObjectNode json) {
    ObjectNode item = json.putObject("pick");
    item.put("group", pick.group().name());
    item.put("id", pick.target().target().id());
    item.put("port", pick.target().target().port());
    item.put("algorithm", pick.algorithm());
    item.put("slowStartSeconds", pick.slowStartSeconds());
    item.put("stickiness", pick.stickiness());
    item.put("how", pick.how());
    ArrayNode cookies = item.putArray("setCookie");
    pick.setCookies().forEach(cookies::add);
    if (pick.appCookie() != null) {
      ObjectNode app = item.putObject("appCookie");
      app.put("whenTargetSets", pick.appCookie());
      app.put("setCookie", pick.appStickinessCookie(Instant.now()));
    }
  }
}
