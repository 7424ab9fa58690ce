package io.elbctl.aws;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Route 53 checks moto lacks, made by {@link FaultProxy} before it forwards a change batch: a
 * CREATE of a record that exists and a DELETE whose values differ from the record's are refused
 * with {@code InvalidChangeBatch}. Proxies of one account share one critical section per account,
 * as Route 53 applies a batch in one transaction, so two processes reaching one account through two
 * proxies race as they would on AWS.
 */
final class Route53Rules {
  static final Pattern RRSET = Pattern.compile("/2013-04-01/hostedzone/([^/]+)/rrset/?");
  private static final Map<String, Object> TRANSACTIONS = new ConcurrentHashMap<>();

  private final HttpClient client;
  private final String target;
  private final String account;

  Route53Rules(HttpClient client, String target, String account) {
    this.client = client;
    this.target = target;
    this.account = account;
  }

  /** The lock under which a change batch of this account is checked and applied. */
  Object transaction() {
    return TRANSACTIONS.computeIfAbsent(account, a -> new Object());
  }

  /**
   * Route 53's refusal of a change batch that moto would accept: a CREATE of a record that exists,
   * or a DELETE whose TTL and values differ from the record's; null when AWS would accept it.
   */
  String refusal(HttpExchange exchange, byte[] body) throws IOException {
    Matcher zone = RRSET.matcher(exchange.getRequestURI().getPath());
    if (!zone.matches()) {
      return null;
    }
    Document batch = parse(body);
    NodeList changes = batch.getElementsByTagNameNS("*", "Change");
    // The batch applies in order: a DELETE then a CREATE of one name is a replacement.
    Map<String, java.util.Optional<RecordSet>> state = new java.util.HashMap<>();
    for (int i = 0; i < changes.getLength(); i++) {
      Element change = (Element) changes.item(i);
      String action = text(change, "Action");
      Element set = (Element) change.getElementsByTagNameNS("*", "ResourceRecordSet").item(0);
      String name = fqdn(text(set, "Name"));
      String type = text(set, "Type");
      if (!action.equals("CREATE") && !action.equals("DELETE")) {
        continue;
      }
      String key = name + " " + type;
      if (!state.containsKey(key)) {
        state.put(
            key, java.util.Optional.ofNullable(liveRecord(exchange, zone.group(1), name, type)));
      }
      RecordSet live = state.get(key).orElse(null);
      RecordSet given = recordSet(set);
      if (action.equals("CREATE")) {
        if (live != null) {
          return "[Tried to create resource record set [name='"
              + name
              + "', type='"
              + type
              + "'] but it already exists]";
        }
        state.put(key, java.util.Optional.of(given));
      } else {
        if (!given.equals(live)) {
          return "[Tried to delete resource record set [name='"
              + name
              + "', type='"
              + type
              + (live == null
                  ? "'] but it was not found]"
                  : "'] but the values provided do not match the current values]");
        }
        state.put(key, java.util.Optional.empty());
      }
    }
    return null;
  }

  private record RecordSet(String ttl, Set<String> values, String alias) {}

  /**
   * A record set as Route 53 compares it on DELETE: an alias by its target alone (moto lists alias
   * records with {@code TTL 0}, which AWS neither shows nor accepts), others by TTL and values.
   */
  private static RecordSet recordSet(Element set) {
    NodeList alias = set.getElementsByTagNameNS("*", "AliasTarget");
    if (alias.getLength() > 0) {
      Element target = (Element) alias.item(0);
      return new RecordSet(
          "",
          Set.of(),
          text(target, "HostedZoneId")
              + " "
              + fqdn(text(target, "DNSName"))
              + " "
              + text(target, "EvaluateTargetHealth"));
    }
    return new RecordSet(text(set, "TTL"), values(set), null);
  }

  private RecordSet liveRecord(HttpExchange exchange, String zoneId, String name, String type)
      throws IOException {
    String uri =
        target
            + "/2013-04-01/hostedzone/"
            + zoneId
            + "/rrset?name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&type="
            + type
            + "&maxitems=10";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
    // moto reads the service and account from these; it does not check signatures.
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    request.header("Authorization", auth);
    String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    if (date != null) {
      request.header("X-Amz-Date", date);
    }
    request.header("x-moto-account-id", account);
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    NodeList sets = parse(response.body()).getElementsByTagNameNS("*", "ResourceRecordSet");
    for (int i = 0; i < sets.getLength(); i++) {
      Element set = (Element) sets.item(i);
      if (fqdn(text(set, "Name")).equals(name) && text(set, "Type").equals(type)) {
        return recordSet(set);
      }
    }
    return null;
  }

  private static Set<String> values(Element set) {
    Set<String> values = new HashSet<>();
    NodeList records = set.getElementsByTagNameNS("*", "Value");
    for (int i = 0; i < records.getLength(); i++) {
      values.add(records.item(i).getTextContent());
    }
    return values;
  }

  static String fqdn(String name) {
    String lower = URLDecoder.decode(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS("*", tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  static Document parse(byte[] xml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException(e);
    }
  }
}
