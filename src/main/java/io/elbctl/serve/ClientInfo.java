package io.elbctl.serve;

/**
 * Who is on the other end of a client connection, as the access log records it.
 *
 * @param cipher the TLS cipher suite, or null without TLS
 * @param sni the server name the client asked for in its TLS hello, or null
 */
record ClientInfo(String ip, int port, boolean tls, String cipher, String protocol, String sni) {}
