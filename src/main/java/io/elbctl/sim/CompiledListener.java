package io.elbctl.sim;

import io.elbctl.spec.Action;
import io.elbctl.spec.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * One listener's rules compiled for fast first-match evaluation. Rules whose path condition has a
 * literal prefix on every value are indexed in a character trie: one walk along the request path
 * yields, as a bit set, the only rules that can match; the rest are always tried. Candidates are
 * then checked in ascending priority, so the result is exactly the ALB's first full match.
 */
public final class CompiledListener {
  private static final int INDEX_THRESHOLD = 8;

  private final int port;
  private final String protocol;
  private final CompiledRule[] rules;
  private final Action defaultAction;
  private final int words;
  private final long[] always;
  private final Node root;

  CompiledListener(
      int port, String protocol, List<CompiledRule> sortedRules, Action defaultAction) {
    this.port = port;
    this.protocol = protocol;
    this.rules = sortedRules.toArray(new CompiledRule[0]);
    this.defaultAction = defaultAction;
    this.words = (rules.length + 63) / 64;
    this.always = new long[Math.max(words, 1)];
    this.root = new Node();
    for (int i = 0; i < rules.length; i++) {
      List<String> prefixes = pathPrefixes(rules[i]);
      if (prefixes == null) {
        always[i >>> 6] |= 1L << i;
      } else {
        for (String prefix : prefixes) {
          root.insert(prefix, 0, i, words);
        }
      }
    }
    root.freeze();
  }

  /** Literal prefixes of the rule's path values, or null when the rule cannot be indexed. */
  private static List<String> pathPrefixes(CompiledRule rule) {
    for (Condition condition : rule.conditions()) {
      if (condition instanceof Condition.Path path) {
        if (!path.regexes().isEmpty() || path.globs().isEmpty()) {
          return null;
        }
        List<String> prefixes = new ArrayList<>();
        for (Glob glob : path.globs()) {
          String prefix = glob.literalPrefix();
          if (prefix.isEmpty()) {
            return null;
          }
          prefixes.add(prefix);
        }
        return prefixes;
      }
    }
    return null;
  }

  public int port() {
    return port;
  }

  public String protocol() {
    return protocol;
  }

  public boolean https() {
    return "HTTPS".equals(protocol);
  }

  /** The rules in evaluation order. */
  public List<CompiledRule> rules() {
    return List.of(rules);
  }

  public Action defaultAction() {
    return defaultAction;
  }

  /** Index (in {@link #rules()}) of the first rule that matches, or -1 for the default action. */
  public int match(PreparedRequest request) {
    if (rules.length <= INDEX_THRESHOLD) {
      for (int i = 0; i < rules.length; i++) {
        if (rules[i].matches(request)) {
          return i;
        }
      }
      return -1;
    }
    String path = request.path;
    if (words == 2) {
      return matchTwoWords(request, path);
    }
    for (int w = 0; w < words; w++) {
      long candidates = always[w] | root.collect(path, w);
      while (candidates != 0) {
        int bit = Long.numberOfTrailingZeros(candidates);
        int index = (w << 6) + bit;
        if (rules[index].matches(request)) {
          return index;
        }
        candidates &= candidates - 1;
      }
    }
    return -1;
  }

  /** Up to 128 rules: one trie walk collects both candidate words. */
  private int matchTwoWords(PreparedRequest request, String path) {
    long low = always[0];
    long high = always[1];
    Node node = root;
    int i = 0;
    int n = path.length();
    while (node != null) {
      if (node.mask != null) {
        low |= node.mask[0];
        high |= node.mask[1];
      }
      if (i == n) {
        break;
      }
      node = node.child(path.charAt(i++));
    }
    while (low != 0) {
      int index = Long.numberOfTrailingZeros(low);
      if (rules[index].matches(request)) {
        return index;
      }
      low &= low - 1;
    }
    while (high != 0) {
      int index = 64 + Long.numberOfTrailingZeros(high);
      if (rules[index].matches(request)) {
        return index;
      }
      high &= high - 1;
    }
    return -1;
  }

  /** The action for the request: the first matching rule's, else the default. */
  public Action actionFor(PreparedRequest request) {
    int index = match(request);
    return index < 0 ? defaultAction : rules[index].action();
  }

  /** Evaluates rule by rule and records why each tried rule did or did not match. */
  public List<TraceEntry> explain(PreparedRequest request) {
    List<TraceEntry> trace = new ArrayList<>();
    for (CompiledRule rule : rules) {
      TraceEntry entry = rule.trace(request);
      trace.add(entry);
      if (entry.matched()) {
        break;
      }
    }
    return trace;
  }

  /** A trie node keyed by path characters; {@code mask} marks rules whose prefix ends here. */
  private static final class Node {
    private char[] keys = new char[0];
    private Node[] next = new Node[0];
    private Node[] ascii;
    private long[] mask;

    void insert(String prefix, int at, int rule, int words) {
      if (at == prefix.length()) {
        if (mask == null) {
          mask = new long[words];
        }
        mask[rule >>> 6] |= 1L << rule;
        return;
      }
      char c = prefix.charAt(at);
      Node child = child(c);
      if (child == null) {
        child = new Node();
        keys = java.util.Arrays.copyOf(keys, keys.length + 1);
        next = java.util.Arrays.copyOf(next, next.length + 1);
        keys[keys.length - 1] = c;
        next[next.length - 1] = child;
      }
      child.insert(prefix, at + 1, rule, words);
    }

    void freeze() {
      boolean allAscii = true;
      for (char key : keys) {
        allAscii &= key < 128;
      }
      if (keys.length > 4 && allAscii) {
        ascii = new Node[128];
        for (int i = 0; i < keys.length; i++) {
          ascii[keys[i]] = next[i];
        }
      }
      for (Node child : next) {
        child.freeze();
      }
    }

    Node child(char c) {
      if (ascii != null) {
        return c < 128 ? ascii[c] : null;
      }
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] == c) {
          return next[i];
        }
      }
      return null;
    }

    /** OR of the masks (word {@code w}) of every node along {@code path}. */
    long collect(String path, int w) {
      long bits = 0;
      Node node = this;
      int i = 0;
      int n = path.length();
      while (true) {
        if (node.mask != null) {
          bits |= node.mask[w];
        }
        if (i == n) {
          return bits;
        }
        node = node.child(path.charAt(i++));
        if (node == null) {
          return bits;
        }
      }
    }
  }
}
