package io.elbctl.steps;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Queries DNS through the JDK's JNDI DNS provider: the system's resolvers, or one server given as
 * {@code host[:port]}; one short try, so an unreachable DNS costs about a second.
 */
public final class JndiResolver implements Resolver {
  private final String server;

  /** {@code server} null means the system's resolvers. */
  public JndiResolver(String server) {
    this.server = server;
  }

  @Override
  public List<String> query(String name, String type) throws IOException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
    env.put("java.naming.provider.url", server == null ? "dns:" : "dns://" + server);
    env.put("com.sun.jndi.dns.timeout.initial", "1000");
    env.put("com.sun.jndi.dns.timeout.retries", "1");
    DirContext context = null;
    try {
      context = new InitialDirContext(env);
      Attributes attributes = context.getAttributes(name, new String[] {type});
      Attribute attribute = attributes.get(type);
      List<String> values = new ArrayList<>();
      if (attribute != null) {
        NamingEnumeration<?> all = attribute.getAll();
        while (all.hasMore()) {
          values.add(String.valueOf(all.next()));
        }
      }
      return values;
    } catch (NameNotFoundException e) {
      return List.of();
    } catch (NamingException e) {
      String reason =
          e.getExplanation() == null ? e.getClass().getSimpleName() : e.getExplanation();
      throw new IOException(reason, e);
    } finally {
      if (context != null) {
        try {
          context.close();
        } catch (NamingException e) {
          // Nothing is held open after a query.
        }
      }
    }
  }
}
