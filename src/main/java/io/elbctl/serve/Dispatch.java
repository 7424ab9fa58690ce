package io.elbctl.serve;

import io.elbctl.sim.CompiledListener;
import io.elbctl.sim.Decision;
import io.elbctl.sim.Request;
import io.elbctl.sim.RuleTransforms;
import io.elbctl.sim.StickyCookies;
import io.elbctl.sim.TargetPicker;
import io.elbctl.spec.Action;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.RedirectAction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the load balancer does with one parsed request, whatever protocol it came in: routes it with
 * the simulator's rules and answers it itself (redirect, fixed response, 405, 463, 503) or forwards
 * it to a target.
 */
final class Dispatch {
  private final LocalAlb alb;
  final CompiledListener listener;
  final int localPort;
  final String scheme;

  Dispatch(LocalAlb alb, CompiledListener listener, int localPort) {
    this.alb = alb;
    this.listener = listener;
    this.localPort = localPort;
    this.scheme = listener.https() ? "https" : "http";
  }

  /** Handles {@code x}; the call that forwards it, or null when the load balancer answered. */
  TargetCall handle(Exchange x, Downstream client, String clientIp) {
    if (x.log != null) {
      x.log.requestLine = requestLine(x);
    }
    if (x.method.equals("TRACE")) {
      own(x, client, 405);
      return null;
    }
    if (x.forwardedForCount() >= Exchange.MAX_FORWARDED_FOR) {
      own(x, client, 463);
      return null;
    }
    int question = x.target.indexOf('?');
    String path = question >= 0 ? x.target.substring(0, question) : x.target;
    String query = question >= 0 ? x.target.substring(question + 1) : null;
    String albHost = albHost(x.host);
    List<Request.Header> routing = new ArrayList<>(x.headers.size());
    for (Request.Header header : x.headers) {
      routing.add(
          header.name().equalsIgnoreCase("host") ? new Request.Header("Host", albHost) : header);
    }
    Request request =
        new Request(x.method, null, albHost, listener.port(), path, query, routing, clientIp);
    Decision decision = alb.router.route(request, alb.health);
    Action action = decision.action();
    if (x.log != null) {
      x.log.priority = decision.priority() == null ? "0" : decision.priority().toString();
      x.log.actions = action.type();
      x.log.requestSeconds = (System.nanoTime() - x.startNanos) / 1e9;
    }
    if (decision.authentication() != null && decision.statusCode() != null) {
      // No local session is ever valid: a signed-out client is sent to the IdP or refused.
      if (x.log != null) {
        x.log.redirectUrl = decision.location();
        x.log.elbStatus = decision.statusCode();
      }
      client.own(
          decision.statusCode(),
          "text/html",
          AlbPages.errorPage(decision.statusCode()),
          decision.location(),
          false);
      return null;
    }
    if (action instanceof ForwardAction) {
      return forward(x, client, decision, clientIp);
    } else if (action instanceof RedirectAction) {
      String location = alb.localLocation(decision.location(), decision.request().hostName());
      if (x.log != null) {
        x.log.redirectUrl = location;
        x.log.elbStatus = decision.statusCode();
      }
      client.own(
          decision.statusCode(),
          "text/html",
          AlbPages.errorPage(decision.statusCode()),
          location,
          false);
      return null;
    } else if (action instanceof FixedResponseAction fixed) {
      if (x.log != null) {
        x.log.elbStatus = decision.statusCode();
      }
      client.own(
          decision.statusCode(),
          fixed.contentType(),
          fixed.messageBody().getBytes(StandardCharsets.UTF_8),
          null,
          false);
      return null;
    }
    throw new AssertionError(action);
  }

  private TargetCall forward(Exchange x, Downstream client, Decision decision, String clientIp) {
    RuleTransforms.Rewritten rewritten = decision.rewritten();
    if (rewritten != null) {
      if (rewritten.failed()) {
        own(x, client, 500);
        return null;
      }
      x.rewrite(
          rewritten.target(),
          rewritten.host(),
          !java.util.Objects.equals(rewritten.host(), decision.request().host()));
    }
    TargetPicker.Pick pick =
        alb.picker.pick(decision, StickyCookies.fromHeaders(x.headers), Instant.now());
    if (pick == null) {
      own(x, client, 503);
      return null;
    }
    Decision.TargetRoute route = pick.target();
    String group = route.group();
    String host = route.target().id();
    int port = route.target().port();
    boolean https = alb.httpsGroups.getOrDefault(group, false);
    String traceId = x.traceId();
    if (x.log != null) {
      x.log.target = route.target().key();
      x.log.targetGroupArn = alb.accessLog.groupArn(group);
      x.log.traceId = traceId;
    }
    ByteBuf head =
        x.targetHead(
            ByteBufAllocator.DEFAULT, traceId, host + ":" + port, clientIp, scheme, localPort);
    TargetCall call = new TargetCall(alb, x, client, host, port, https, head, pick);
    call.start();
    return call;
  }

  private static void own(Exchange x, Downstream client, int status) {
    if (x.log != null) {
      x.log.elbStatus = status;
    }
    client.own(status, "text/html", AlbPages.errorPage(status), null, false);
  }

  /** The Host header as it would reach the ALB: the local port replaced by the listener's. */
  String albHost(String host) {
    if (host == null) {
      return null;
    }
    int colon = portColon(host);
    if (colon < 0) {
      return host;
    }
    String name = host.substring(0, colon);
    String port = host.substring(colon + 1);
    if (!port.equals(String.valueOf(localPort))) {
      return host;
    }
    int defaultPort = listener.https() ? 443 : 80;
    return listener.port() == defaultPort ? name : name + ":" + listener.port();
  }

  /** The request as the ALB logs it: {@code GET https://host:443/path HTTP/1.1}. */
  String requestLine(Exchange x) {
    String target = x.target == null || !x.target.startsWith("/") ? "/" : x.target;
    return x.method + " " + scheme + "://" + logAuthority(x) + target + " " + x.version;
  }

  private String logAuthority(Exchange x) {
    String host = x.host == null || x.host.isEmpty() ? alb.router.defaultHost() : x.host;
    int colon = portColon(host);
    return (colon >= 0 ? host.substring(0, colon) : host) + ":" + listener.port();
  }

  static int portColon(String authority) {
    int colon = authority.lastIndexOf(':');
    return colon > authority.lastIndexOf(']') ? colon : -1;
  }
}
