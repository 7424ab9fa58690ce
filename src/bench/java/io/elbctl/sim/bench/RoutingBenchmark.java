package io.elbctl.sim.bench;

import io.elbctl.sim.CompiledListener;
import io.elbctl.sim.PreparedRequest;
import io.elbctl.sim.Replay;
import io.elbctl.sim.Request;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.Domain;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluations per second of the compiled evaluator (example spec, generated listeners of 2 and 100
 * rules) against a naive java.util.regex first-match loop, and replay lines per second.
 */
public class RoutingBenchmark {
  private static final int REQUESTS = 1024;

  /** The example spec and a request mix over its paths. */
  @State(Scope.Thread)
  public static class Example {
    CompiledListener listener;
    PreparedRequest[] requests;
    int next;

    @Setup
    public void setUp() throws Exception {
      Spec spec = SpecReader.read(Path.of("examples/oauth2-split.json")).spec();
      Router router = Router.compile(spec, Semantics.DEFAULT);
      listener = router.defaultListener();
      String[] paths = {
        "/", "/login", "/oauth2/authorization/google", "/login/oauth2/code/google",
        "/static/app.js", "/oauth2/authorization", "/api/me"
      };
      requests = new PreparedRequest[REQUESTS];
      for (int i = 0; i < REQUESTS; i++) {
        requests[i] =
            router.prepare(router.complete(Request.get(paths[i % paths.length]), listener));
      }
    }
  }

  /** A generated listener of N path rules, plus the same rules as naive regexes. */
  @State(Scope.Thread)
  public static class Generated {
    @Param({"2", "100"})
    int rules;

    CompiledListener listener;
    PreparedRequest[] requests;
    String[] paths;
    Pattern[][] naive;
    int next;

    @Setup
    public void setUp() {
      Spec spec = generatedSpec(rules);
      Router router = Router.compile(spec, Semantics.DEFAULT);
      listener = router.defaultListener();
      naive = new Pattern[rules][];
      for (int r = 0; r < rules; r++) {
        List<String> values = spec.loadBalancer().listeners().get(0).rules().get(r).conditions().pathPatterns();
        naive[r] = values.stream().map(RoutingBenchmark::globToRegex).map(Pattern::compile).toArray(Pattern[]::new);
      }
      Random random = new Random(42);
      requests = new PreparedRequest[REQUESTS];
      paths = new String[REQUESTS];
      for (int i = 0; i < REQUESTS; i++) {
        int r = random.nextInt(rules + 2);
        String path =
            r >= rules ? "/static/asset" + i + ".js" : "/svc" + r + "/items/" + random.nextInt(1000);
        paths[i] = path;
        requests[i] = router.prepare(router.complete(Request.get(path), listener));
      }
    }
  }

  /** A generated million-line ALB access log for the example spec. */
  @State(Scope.Benchmark)
  public static class Log {
    Router router;
    Path file;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      router = Router.compile(SpecReader.read(Path.of("examples/oauth2-split.json")).spec(), Semantics.DEFAULT);
      file = Files.createTempFile("elbctl-bench", ".log");
      writeLog(file, 1_000_000);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      Files.deleteIfExists(file);
    }
  }

  @Benchmark
  public int exampleSpec(Example state) {
    return state.listener.match(state.requests[state.next++ & (REQUESTS - 1)]);
  }

  @Benchmark
  public int compiled(Generated state) {
    return state.listener.match(state.requests[state.next++ & (REQUESTS - 1)]);
  }

  @Benchmark
  public int naiveRegex(Generated state) {
    String path = state.paths[state.next++ & (REQUESTS - 1)];
    Pattern[][] rules = state.naive;
    for (int r = 0; r < rules.length; r++) {
      for (Pattern pattern : rules[r]) {
        if (pattern.matcher(path).matches()) {
          return r;
        }
      }
    }
    return -1;
  }

  /** One pass over the million-line log; lines/s = 1,000,000 / the reported time. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 5)
  public Replay.Tally replayMillionLines(Log state) throws IOException {
    try (InputStream in = Files.newInputStream(state.file)) {
      return Replay.tally(state.router, in);
    }
  }

  static Spec generatedSpec(int ruleCount) {
    List<Rule> rules = new ArrayList<>();
    for (int r = 0; r < ruleCount; r++) {
      Conditions conditions =
          new Conditions(
              List.of("/svc" + r, "/svc" + r + "/*"), null, null, null, null, null, null, null);
      rules.add(new Rule(r + 1, conditions, new ForwardAction("forward", "api", null, null)));
    }
    Listener listener =
        new Listener(443, "HTTPS", null, new ForwardAction("forward", "web", null, null), null, rules);
    List<TargetGroup> groups =
        List.of(
            new TargetGroup("web", null, 3000, null, null, null, null, null, null, null, null, List.of(new Target("10.0.0.1", null))),
            new TargetGroup("api", null, 8080, null, null, null, null, null, null, null, null, List.of(new Target("10.0.0.2", null))));
    return new Spec(
        Spec.API_VERSION,
        "bench",
        "eu-west-1",
        new Domain("example.com", List.of("example.com")),
        null,
        null,
        groups,
        new LoadBalancer("bench-alb", null, null, null, List.of(listener)));
  }

  static String globToRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*') {
        regex.append(".*");
      } else if (c == '?') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  static void writeLog(Path file, int lines) throws IOException {
    String[] paths = {
      "/", "/login", "/oauth2/authorization/google", "/login/oauth2/code/google?code=x&state=y",
      "/static/app.js", "/api/v1/orders?id=1", "/favicon.ico"
    };
    Random random = new Random(7);
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      for (int i = 0; i < lines; i++) {
        boolean https = random.nextInt(4) != 0;
        String url =
            (https ? "https://example.com:443" : "http://example.com:80") + paths[random.nextInt(paths.length)];
        out.write(
            (https ? "https" : "http")
                + " 2024-05-01T12:00:00.123456Z app/myapp-alb/50dc6c495c0c9188 203.0.113."
                + (i % 250)
                + ":"
                + (40000 + i % 20000)
                + " 10.0.1.10:3000 0.000 0.002 0.000 200 200 34 366 \"GET "
                + url
                + " HTTP/1.1\" \"Mozilla/5.0 (X11; Linux x86_64)\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2"
                + " arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/client/73e2d6bc24d8a067"
                + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"example.com\" \"-\" 0"
                + " 2024-05-01T12:00:00.000000Z \"forward\" \"-\" \"-\" \"10.0.1.10:3000\" \"200\" \"-\" \"-\" TID_1\n");
      }
    }
  }
}
