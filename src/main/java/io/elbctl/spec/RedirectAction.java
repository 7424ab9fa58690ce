package io.elbctl.spec;

/**
 * Redirects with a URI built from the request; an omitted part keeps the request's value, which is
 * written with the ALB placeholders {@code #{protocol}}, {@code #{host}}, {@code #{port}}, {@code
 * /#{path}} and {@code #{query}}.
 */
public record RedirectAction(
    @Required @Doc("\"redirect\".") String type,
    @Doc("HTTP, HTTPS or #{protocol} (default).") String protocol,
    @Doc("1-65535 or #{port} (default).") String port,
    @Doc("Host name, may use #{host} (default).") String host,
    @Doc("Absolute path, may use #{host}, #{path} (no leading /) and #{port}; default /#{path}.")
        String path,
    @Doc("Query without the leading ?, may use any placeholder; default #{query}.") String query,
    @Required @Doc("HTTP_301 or HTTP_302.") String statusCode)
    implements Action {
  public RedirectAction {
    protocol = protocol == null ? "#{protocol}" : protocol;
    port = port == null ? "#{port}" : port;
    host = host == null ? "#{host}" : host;
    path = path == null ? "/#{path}" : path;
    query = query == null ? "#{query}" : query;
  }
}
