package io.elbctl.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SpecValidatorTest {
  private static final String OAUTH = "oauth2-split.json";
  private static final String LB = "loadBalancer.listeners[1]";
  private static final String RULE = LB + ".rules[0]";
  private static final String OIDC =
      "{\"type\": \"oidc\", \"issuer\": \"https://idp\", \"authorizationEndpoint\": \"https://idp/a\","
          + " \"tokenEndpoint\": \"https://idp/t\", \"userInfoEndpoint\": \"https://idp/u\","
          + " \"clientId\": \"c\",";
  private static final String COND = RULE + ".conditions";
  private static final String TG = "targetGroups[0]";
  private static final String HC = TG + ".healthCheck";

  static Stream<Arguments> errors() {
    return Stream.of(
        row("apiVersion", "\"elbctl/v2\"", "apiVersion: must be \"elbctl/v1\", got \"elbctl/v2\""),
        row(
            "name",
            "\"-bad\"",
            "name: must contain only letters, digits and hyphens, and must not begin or end with a hyphen"),
        row("name", "\"" + "a".repeat(33) + "\"", "name: must be at most 32 characters, got 33"),
        row(
            "region",
            "\"Mars-1\"",
            "region: \"Mars-1\" is not an AWS region name (e.g. \"us-east-1\")"),
        row(
            "domain.hostedZone",
            "\"localhost\"",
            "domain.hostedZone: must be a fully qualified domain name such as example.com"),
        row(
            "domain.records",
            "[]",
            "domain.records: must name at least one record, e.g. the hosted zone's apex"),
        row(
            "domain.records[1]",
            "\"www.example.net\"",
            "domain.records[1]: \"www.example.net\" is not inside the hosted zone example.com"),
        row(
            "domain.records[1]",
            "\"Example.com.\"",
            "domain.records[1]: duplicate record \"Example.com.\""),
        row(
            "domain.records[2]",
            "\"a.b.example.com\"",
            "domain.records[2]: \"a.b.example.com\" is not covered by the certificate's names [example.com, *.example.com]; browsers would reject HTTPS for it"),
        row(
            "domain.records[2]",
            "\"bad_label-.example.com\"",
            "domain.records[2]: is not a valid DNS name: label \"bad_label-\" must be 1-63 letters, digits or hyphens, not beginning or ending with a hyphen"),
        row("certificate", null, "certificate: is required because a listener uses HTTPS"),
        row(
            "certificate.subjectAlternativeNames[0]",
            "\"*.example.org\"",
            "certificate.subjectAlternativeNames[0]: \"*.example.org\" is outside the hosted zone example.com; elbctl validates certificates through that zone"),
        row(
            "certificate.domainName",
            "\"" + "a".repeat(60) + ".example.com\"",
            "certificate.domainName: must be at most 64 characters (it becomes the certificate's common name)"),
        row(
            "network.vpcId",
            "\"my-vpc\"",
            "network.vpcId: must be \"default\" or a VPC id such as vpc-0123456789abcdef0"),
        row(
            "network.subnets",
            "[\"subnet-0123abcd\"]",
            "network.subnets: an Application Load Balancer needs subnets in at least 2 availability zones, got 1"),
        row(
            "network.subnets",
            "[\"subnet-0123abcd\", \"sub-1\"]",
            "network.subnets[1]: \"sub-1\" is not a subnet id such as subnet-0123abcd"),
        row(
            "network.securityGroups",
            "[\"sg-0123abcd\", \"sg-0123abcd\"]",
            "network.securityGroups[1]: duplicate \"sg-0123abcd\""),
        row(
            TG + ".name",
            "\"client_group\"",
            TG
                + ".name: must contain only letters, digits and hyphens, and must not begin or end with a hyphen"),
        row(
            "targetGroups[1].name",
            "\"client\"",
            "targetGroups[1].name: duplicate target group name \"client\""),
        row(
            TG + ".protocol",
            "\"http\"",
            TG + ".protocol: must be one of HTTP, HTTPS, got \"http\" (did you mean \"HTTP\"?)"),
        row(TG + ".port", "70000", TG + ".port: must be 1-65535, got 70000"),
        row(
            TG + ".targetType",
            "\"lambda\"",
            TG + ".targetType: must be one of instance, ip, got \"lambda\""),
        row(
            TG + ".targets[0].id",
            "\"10.0.0.1\"",
            TG
                + ".targets[0].id: \"10.0.0.1\" is not an instance id such as i-0123456789abcdef0 (use targetType \"ip\" for IP addresses)"),
        row(
            TG + ".targets[1]",
            "{\"id\": \"i-0123456789abcdef0\", \"port\": 3000}",
            TG + ".targets[1]: duplicate target i-0123456789abcdef0:3000"),
        row(
            TG + ".deregistrationDelaySeconds",
            "4000",
            TG + ".deregistrationDelaySeconds: must be 0-3600, got 4000"),
        row(TG + ".stickinessSeconds", "0", TG + ".stickinessSeconds: must be 1-604800, got 0"),
        row(
            TG + ".stickinessSeconds",
            "604801",
            TG + ".stickinessSeconds: must be 1-604800, got 604801"),
        row(
            TG + ".stickinessType",
            "\"source_ip\"",
            TG + ".stickinessType: must be one of lb_cookie, app_cookie, got \"source_ip\""),
        row(
            TG + ".stickinessType",
            "\"app_cookie\"",
            TG
                + ".stickinessCookieName: app_cookie stickiness needs the application's cookie name"),
        row(
            TG + ".stickinessCookieName",
            "\"JSESSIONID\"",
            TG + ".stickinessCookieName: is only for stickinessType \"app_cookie\""),
        row(
            TG + ".algorithm",
            "\"Round_Robin\"",
            TG
                + ".algorithm: must be one of round_robin, least_outstanding_requests,"
                + " weighted_random, got \"Round_Robin\" (did you mean \"round_robin\"?)"),
        row(
            TG + ".slowStartSeconds",
            "29",
            TG + ".slowStartSeconds: must be 0 (off) or 30-900, got 29"),
        row(
            TG + ".slowStartSeconds",
            "901",
            TG + ".slowStartSeconds: must be 0 (off) or 30-900, got 901"),
        row(
            TG + ".slowStartSeconds",
            "-1",
            TG + ".slowStartSeconds: must be 0 (off) or 30-900, got -1"),
        row(HC + ".path", "\"health\"", HC + ".path: must start with /"),
        row(
            HC + ".matcher",
            "\"2xx\"",
            HC
                + ".matcher: must be a code, a list or a range of HTTP codes such as \"200\", \"200,202\" or \"200-299\", got \"2xx\""),
        row(
            HC + ".matcher",
            "\"200-599\"",
            HC + ".matcher: codes must be within 200-499, got \"200-599\""),
        row(
            HC + ".matcher",
            "\"399-200\"",
            HC + ".matcher: range \"399-200\" must go from low to high"),
        row(HC + ".intervalSeconds", "4", HC + ".intervalSeconds: must be 5-300, got 4"),
        row(
            HC + ".timeoutSeconds",
            "30",
            HC + ".timeoutSeconds: must be less than intervalSeconds (30), got 30"),
        row(HC + ".timeoutSeconds", "1", HC + ".timeoutSeconds: must be 2-120, got 1"),
        row(HC + ".healthyThreshold", "11", HC + ".healthyThreshold: must be 2-10, got 11"),
        row(HC + ".unhealthyThreshold", "1", HC + ".unhealthyThreshold: must be 2-10, got 1"),
        row(
            HC + ".port",
            "\"http\"",
            HC + ".port: must be \"traffic-port\" or a port 1-65535, got \"http\""),
        row(
            "loadBalancer.name",
            "\"internal-app\"",
            "loadBalancer.name: must not begin with \"internal-\""),
        row(
            "loadBalancer.scheme",
            "\"public\"",
            "loadBalancer.scheme: must be one of internet-facing, internal, got \"public\""),
        row(
            "loadBalancer.idleTimeoutSeconds",
            "0",
            "loadBalancer.idleTimeoutSeconds: must be 1-4000, got 0"),
        row(
            "loadBalancer.desyncMitigationMode",
            "\"Strictest\"",
            "loadBalancer.desyncMitigationMode: must be one of monitor, defensive, strictest, got"
                + " \"Strictest\" (did you mean \"strictest\"?)"),
        row(
            "loadBalancer.desyncMitigationMode",
            "\"off\"",
            "loadBalancer.desyncMitigationMode: must be one of monitor, defensive, strictest, got"
                + " \"off\""),
        row(
            "loadBalancer.listeners",
            "[]",
            "loadBalancer.listeners: must have at least one listener"),
        row(LB + ".port", "80", LB + ".port: port 80 is already used by loadBalancer.listeners[0]"),
        row(LB + ".protocol", "\"TCP\"", LB + ".protocol: must be one of HTTP, HTTPS, got \"TCP\""),
        row(
            "loadBalancer.listeners[0].sslPolicy",
            "\"ELBSecurityPolicy-2016-08\"",
            "loadBalancer.listeners[0].sslPolicy: applies only to HTTPS listeners"),
        row(RULE + ".priority", "0", RULE + ".priority: must be 1-50000, got 0"),
        row(RULE + ".priority", "50001", RULE + ".priority: must be 1-50000, got 50001"),
        row(
            LB + ".rules[1].priority",
            "10",
            LB + ".rules[1].priority: priority 10 is already used by " + LB + ".rules[0]"),
        row(
            LB + ".priorityRange",
            "{\"from\": 100, \"to\": 199}",
            RULE + ".priority: must be within priorityRange 100-199, got 10"),
        row(
            LB + ".priorityRange",
            "{\"from\": 200, \"to\": 100}",
            LB + ".priorityRange: must satisfy 1 <= from <= to <= 50000, got 200-100"),
        row(
            COND,
            "{}",
            COND
                + ": a rule needs at least one condition (the listener's defaultAction handles the rest)"),
        row(
            COND + ".pathPatterns",
            "[\"/a\", \"/b\", \"/c\", \"/d\"]",
            COND + ".pathPatterns: a condition allows at most 3 values, got 4"),
        row(
            COND + ".pathPatterns[0]",
            "\"/a b\"",
            COND
                + ".pathPatterns[0]: \"/a b\" has characters a path pattern cannot hold (allowed: A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?); use pathRegexes"),
        row(
            COND + ".pathPatterns[0]",
            "\"/" + "a".repeat(128) + "\"",
            COND + ".pathPatterns[0]: must be at most 128 characters, got 129"),
        row(
            COND + ".pathPatterns",
            "[\"/*?*?*?\"]",
            COND + ": a rule allows at most 5 wildcards (* and ?) in all, got 6"),
        row(
            COND + ".pathRegexes",
            "[\"^/x$\"]",
            COND
                + ": pathPatterns and pathRegexes cannot both be set: a rule has one path condition"),
        row(
            COND + ".hostRegexes",
            "[\"^(a\"]",
            COND + ".hostRegexes[0]: \"^(a\" is not a valid regular expression: Unclosed group"),
        row(
            COND + ".hostRegexes",
            "[\"^(?=a)b\"]",
            COND
                + ".hostRegexes[0]: \"^(?=a)b\" uses a feature ALB regexes lack (lookaround, backreferences, atomic or possessive groups, Unicode classes)"),
        row(
            COND + ".hostHeaders",
            "[\"example.com:8443\"]",
            COND
                + ".hostHeaders[0]: \"example.com:8443\" cannot hold a port; use hostRegexes such as \"^example\\.com:8443$\""),
        row(
            COND + ".hostHeaders",
            "[\"10.0.0.1\"]",
            COND
                + ".hostHeaders[0]: \"10.0.0.1\" must contain a dot and end in letters (no IP addresses)"),
        row(
            COND,
            "{\"pathPatterns\": [\"/a\", \"/b\", \"/c\"], \"hostHeaders\": [\"a.com\", \"b.com\", \"c.com\"]}",
            COND + ": a rule allows at most 5 condition values in all, got 6"),
        row(
            COND + ".httpHeaders",
            "[{\"name\": \"Host\", \"values\": [\"x\"]}]",
            COND
                + ".httpHeaders[0].name: Host cannot be an http-header condition; use hostHeaders"),
        row(
            COND + ".httpHeaders",
            "[{\"name\": \"X-Env\"}]",
            COND + ".httpHeaders[0]: needs values or regexValues"),
        row(
            COND + ".httpHeaders",
            "[{\"name\": \"X Env\", \"values\": [\"a\"]}]",
            COND
                + ".httpHeaders[0].name: must be 1-40 characters of a header name (letters, digits, ! # $ % & ' * + - . ^ _ ` | ~), got \"X Env\""),
        row(
            COND + ".methods",
            "[\"get\"]",
            COND
                + ".methods[0]: must be 1-40 characters of A-Z, - and _ (methods are case-sensitive), got \"get\""),
        row(
            COND + ".sourceIps",
            "[\"10.0.0.0/33\"]",
            COND
                + ".sourceIps[0]: \"10.0.0.0/33\" is not a CIDR block such as 203.0.113.0/24 or 2001:db8::/32"),
        row(
            COND + ".sourceIps",
            "[\"::ffff:10.0.0.0/8\"]",
            COND
                + ".sourceIps[0]: \"::ffff:10.0.0.0/8\" is not a CIDR block such as 203.0.113.0/24 or 2001:db8::/32"),
        row(
            COND + ".queryStrings",
            "[{\"value\": \"a b\"}]",
            COND
                + ".queryStrings[0].value: \"a b\" has characters a query-string condition cannot hold (allowed: letters, digits, _-.$/~\"'@:+&()!,;= and * ?)"),
        row(
            RULE + ".action.targetGroup",
            "\"backnd\"",
            RULE
                + ".action.targetGroup: target group \"backnd\" is not defined in targetGroups (did you mean 'backend'?)"),
        row(
            RULE + ".action",
            "{\"type\": \"forward\"}",
            RULE + ".action: a forward action needs targetGroup or targetGroups"),
        row(
            RULE + ".action.targetGroups",
            "[{\"name\": \"client\"}]",
            RULE + ".action: give either targetGroup or targetGroups, not both"),
        row(
            RULE + ".action",
            "{\"type\": \"forward\", \"targetGroups\": [{\"name\": \"client\", \"weight\": 1000}]}",
            RULE + ".action.targetGroups[0].weight: must be 0-999, got 1000"),
        row(
            RULE + ".action",
            "{\"type\": \"forward\", \"targetGroups\": [{\"name\": \"client\"}, {\"name\": \"client\"}]}",
            RULE + ".action.targetGroups[1].name: target group \"client\" is listed twice"),
        row(
            RULE + ".action",
            "{\"type\": \"forward\", \"targetGroups\": [{\"name\": \"client\"}, {\"name\": \"backend\"}, {\"name\": \"client\"}, {\"name\": \"client\"}, {\"name\": \"client\"}, {\"name\": \"client\"}]}",
            RULE + ".action.targetGroups: a forward action takes at most 5 target groups, got 6"),
        row(
            RULE + ".action",
            "{\"type\": \"redirect\", \"protocol\": \"HTTP\", \"port\": \"80\", \"statusCode\": \"HTTP_301\"}",
            RULE + ".action.protocol: an HTTPS listener cannot redirect to HTTP"),
        row(
            RULE + ".action",
            "{\"type\": \"redirect\", \"statusCode\": \"HTTP_301\"}",
            RULE
                + ".action: must change the protocol, host, port or path; as written it redirects to itself"),
        row(
            RULE + ".action",
            "{\"type\": \"redirect\", \"protocol\": \"HTTPS\", \"port\": \"443\", \"statusCode\": \"HTTP_301\"}",
            RULE
                + ".action: must change the protocol, host, port or path; as written it redirects to itself"),
        row(
            RULE + ".action",
            "{\"type\": \"redirect\", \"path\": \"#{path}\", \"statusCode\": \"HTTP_301\"}",
            RULE
                + ".action.path: must start with /, got \"#{path}\" (write /#{path} to keep the path)"),
        row(
            RULE + ".action",
            "{\"type\": \"redirect\", \"host\": \"x.example.com\", \"query\": \"?a=b\", \"statusCode\": \"HTTP_301\"}",
            RULE + ".action.query: must not start with ? (ALB adds it)"),
        row(
            RULE + ".action",
            "{\"type\": \"redirect\", \"host\": \"x.example.com\", \"statusCode\": \"HTTP_308\"}",
            RULE + ".action.statusCode: must be one of HTTP_301, HTTP_302, got \"HTTP_308\""),
        row(
            RULE + ".action",
            "{\"type\": \"redirect\", \"host\": \"x.example.com\", \"port\": \"0\", \"statusCode\": \"HTTP_301\"}",
            RULE + ".action.port: must be 1-65535 or #{port}, got \"0\""),
        row(
            RULE + ".action",
            "{\"type\": \"fixed-response\", \"statusCode\": \"302\"}",
            RULE
                + ".action.statusCode: must be a 2XX, 4XX or 5XX code such as \"503\", got \"302\""),
        row(
            RULE + ".action",
            "{\"type\": \"fixed-response\", \"statusCode\": \"200\", \"contentType\": \"text/xml\"}",
            RULE
                + ".action.contentType: must be one of text/plain, text/css, text/html, application/javascript, application/json, got \"text/xml\""),
        row(
            RULE + ".action",
            "{\"type\": \"fixed-response\", \"statusCode\": \"200\", \"messageBody\": \""
                + "x".repeat(1025)
                + "\"}",
            RULE + ".action.messageBody: must be at most 1024 characters, got 1025"),
        row(
            RULE + ".transforms",
            "{\"urlRewrite\": {\"regex\": \"^/(?=a)\", \"replace\": \"/\"}}",
            RULE
                + ".transforms.urlRewrite.regex: \"^/(?=a)\" uses a feature ALB regexes lack (lookaround, backreferences, atomic or possessive groups, Unicode classes)"),
        row(
            RULE + ".transforms",
            "{\"hostHeaderRewrite\": {\"regex\": \""
                + "a".repeat(1025)
                + "\", \"replace\": \"b\"}}",
            RULE
                + ".transforms.hostHeaderRewrite.regex: must be at most 1024 characters, got 1025"),
        row(
            RULE + ".transforms",
            "{\"urlRewrite\": {\"regex\": \"^/a$\", \"replace\": \"/" + "b".repeat(1024) + "\"}}",
            RULE + ".transforms.urlRewrite.replace: must be at most 1024 characters, got 1025"),
        row(
            RULE + ".transforms",
            "{\"urlRewrite\": {\"regex\": \"^/(a\", \"replace\": \"/\"}}",
            RULE
                + ".transforms.urlRewrite.regex: \"^/(a\" is not a valid regular expression: Unclosed group"),
        row(
            "loadBalancer.listeners[0].certificates",
            "[{\"domainName\": \"api.example.com\"}]",
            "loadBalancer.listeners[0].certificates: applies only to HTTPS listeners"),
        row(
            LB + ".certificates",
            "[{\"domainName\": \"api.example.org\"}]",
            LB
                + ".certificates[0].domainName: \"api.example.org\" is outside the hosted zone"
                + " example.com; elbctl validates certificates through that zone"),
        row(
            LB + ".certificates",
            "[{\"domainName\": \"*.example.com\", \"subjectAlternativeNames\": [\"EXAMPLE.com\"]}]",
            LB + ".certificates[0]: names the same names as another certificate of this listener"),
        row(
            RULE + ".authenticate",
            "{\"type\": \"oidc\", \"issuer\": \"http://idp\", \"authorizationEndpoint\": \"https://idp/a\","
                + " \"tokenEndpoint\": \"https://idp/t\", \"userInfoEndpoint\": \"https://idp/u\","
                + " \"clientId\": \"c\", \"clientSecret\": {\"env\": \"S\"}}",
            RULE + ".authenticate.issuer: must be an https:// URL, got \"http://idp\""),
        row(
            RULE + ".authenticate",
            "{\"type\": \"oidc\", \"issuer\": \"https://idp\", \"authorizationEndpoint\": \"https://idp/a\","
                + " \"tokenEndpoint\": \"https://idp/t\", \"userInfoEndpoint\": \"https://idp/u\","
                + " \"clientId\": \"c\", \"sessionTimeoutSeconds\": 604801}",
            RULE
                + ".authenticate.clientSecret: is required, as {\"env\": \"NAME\"} or"
                + " {\"secretsManager\": \"ARN_OR_NAME\"}"),
        row(
            RULE + ".authenticate",
            OIDC + " \"clientSecret\": {\"env\": \"S\", \"secretsManager\": \"oidc/app\"}}",
            RULE
                + ".authenticate.clientSecret: must name exactly one of \"env\" or"
                + " \"secretsManager\""),
        row(
            RULE + ".authenticate",
            OIDC + " \"clientSecret\": {}}",
            RULE
                + ".authenticate.clientSecret: must name exactly one of \"env\" or"
                + " \"secretsManager\""),
        row(
            RULE + ".authenticate",
            OIDC + " \"clientSecret\": {\"secretsManager\": \"oidc app\"}}",
            RULE
                + ".authenticate.clientSecret.secretsManager: must be a Secrets Manager secret ARN"
                + " or a name of 1-512 letters, digits and /_+=.@-"),
        row(
            RULE + ".authenticate",
            OIDC + " \"clientSecret\": {\"env\": \"1S\"}}",
            RULE + ".authenticate.clientSecret.env: must be an environment variable name"),
        row(
            RULE + ".authenticate",
            "{\"type\": \"cognito\", \"userPoolArn\": \"pool\", \"userPoolClientId\": \"c\","
                + " \"userPoolDomain\": \"d\", \"onUnauthenticatedRequest\": \"login\"}",
            RULE
                + ".authenticate.onUnauthenticatedRequest: must be one of authenticate, deny, allow,"
                + " got \"login\""),
        row(
            "loadBalancer.listeners[0]",
            "{\"port\": 80, \"protocol\": \"HTTP\", \"defaultAction\": {\"type\": \"fixed-response\","
                + " \"statusCode\": \"404\"}, \"rules\": [{\"priority\": 1, \"conditions\":"
                + " {\"pathPatterns\": [\"/a\"]}, \"authenticate\": {\"type\": \"cognito\","
                + " \"userPoolArn\": \"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC\","
                + " \"userPoolClientId\": \"c\", \"userPoolDomain\": \"d\"}, \"action\":"
                + " {\"type\": \"forward\", \"targetGroup\": \"client\"}}]}",
            "loadBalancer.listeners[0].rules[0].authenticate: authenticate actions need an HTTPS"
                + " listener (ALB answers InvalidLoadBalancerAction)"),
        row(
            RULE + ".transforms",
            "{\"urlRewrite\": {\"regex\": \"^/a$\"}}",
            RULE + ".transforms.urlRewrite.replace: is required"));
  }

  static Stream<Arguments> warnings() {
    return Stream.of(
        row(
            TG + ".slowStartSeconds",
            "60",
            TG
                + ".slowStartSeconds: has no effect with one target: a target that becomes healthy"
                + " while no other target of its group is healthy skips slow start"),
        row(
            COND + ".pathPatterns",
            "[\"/oauth2/**\", \"/oauth2\"]",
            COND
                + ".pathPatterns[0]: \"/oauth2/**\": ALB has no globstar; ** is two * (each already spans /) and costs two wildcards"),
        row(
            COND + ".pathPatterns",
            "[\"/api/*\"]",
            COND
                + ".pathPatterns[0]: \"/api/*\" does not match \"/api\" itself; add \"/api\" if that path belongs here too"),
        row(
            COND + ".pathPatterns",
            "[\"api\"]",
            COND
                + ".pathPatterns[0]: \"api\" does not start with / and can never match a request path"),
        row(
            COND + ".methods",
            "[\"GET\"]",
            COND + ".methods: routes GET but not HEAD; AWS advises routing both alike"),
        row(
            COND + ".pathPatterns",
            "[\"/a\", \"/a\"]",
            COND + ".pathPatterns[1]: duplicate value /a"),
        row(
            "loadBalancer.listeners[0].defaultAction.port",
            null,
            "loadBalancer.listeners[0].defaultAction.port: switching to HTTPS without a port keeps port 80 (https://host:80/...); set \"port\": \"443\""),
        row(
            LB + ".sslPolicy",
            "\"ELBSecurityPolicy-Made-Up\"",
            LB
                + ".sslPolicy: \"ELBSecurityPolicy-Made-Up\" is not a known ELB security policy; AWS answers SSLPolicyNotFound if it does not exist"),
        row(
            "targetGroups[2]",
            "{\"name\": \"spare\", \"port\": 9000}",
            "targetGroups[2]: target group \"spare\" is not used by any listener; its targets stay unused (Target.NotInUse)"),
        row(
            HC + ".matcher",
            "\"200,300-399\"",
            HC + ".matcher: mixes a list and ranges; AWS documents either a list or one range"),
        row(
            "certificate.subjectAlternativeNames",
            "[\"example.com\"]",
            "certificate.subjectAlternativeNames[0]: \"example.com\" is already covered; it is requested once"),
        row(
            "loadBalancer.listeners[1].rules[0]",
            "{\"priority\": 10, \"conditions\": {\"pathPatterns\": [\"/a\"]},"
                + " \"transforms\": {\"urlRewrite\": {\"regex\": \"^/a$\", \"replace\": \"/b\"}},"
                + " \"action\": {\"type\": \"fixed-response\", \"statusCode\": \"404\"}}",
            RULE
                + ".transforms: transforms rewrite a request before it is forwarded; this rule's"
                + " fixed-response action never uses them"),
        row(
            RULE + ".action",
            "{\"type\": \"forward\", \"targetGroups\": [{\"name\": \"client\", \"weight\": 0}]}",
            RULE
                + ".action.targetGroups: every weight is 0; AWS does not document where such traffic goes"));
  }

  private static Arguments row(String path, String value, String message) {
    return Arguments.of(path, value, message);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("errors")
  void validate_reportsError(String path, String value, String message) {
    SpecResult result = SpecReader.parse(SpecFixtures.with(OAUTH, path, value));

    assertThat(result.errors()).extracting(Problem::describe).contains(message);
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("warnings")
  void validate_reportsWarning(String path, String value, String message) {
    SpecResult result = SpecReader.parse(SpecFixtures.with(OAUTH, path, value));

    assertThat(result.warnings()).extracting(Problem::describe).contains(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      value = {
        "AWSALBAPP => \"AWSALBAPP\" is reserved: names starting with AWSALB, AWSALBAPP or AWSALBTG"
            + " are the load balancer's",
        "awsalbtg-x => \"awsalbtg-x\" is reserved: names starting with AWSALB, AWSALBAPP or"
            + " AWSALBTG are the load balancer's",
        "my cookie => must be 1-256 characters: letters, digits and !#$%&'*+-.^_`|~, got \"my"
            + " cookie\""
      })
  void validate_appCookieName_mustBeAnUnreservedToken(String name, String message) {
    String spec = SpecFixtures.with(OAUTH, TG + ".stickinessType", "\"app_cookie\"");
    spec = SpecFixtures.with(spec, TG + ".stickinessCookieName", "\"" + name + "\"");

    assertThat(SpecReader.parse(spec).errors())
        .extracting(Problem::describe)
        .containsExactly(TG + ".stickinessCookieName: " + message);
  }

  @Test
  void validate_appCookieStickiness_withItsName_isValid_andTakesAwsDefaultDuration() {
    String spec = SpecFixtures.with(OAUTH, TG + ".stickinessType", "\"app_cookie\"");
    spec = SpecFixtures.with(spec, TG + ".stickinessCookieName", "\"JSESSIONID\"");
    SpecResult result = SpecReader.parse(spec);

    assertThat(result.errors()).isEmpty();
    assertThat(result.spec().targetGroups().get(0).stickinessSeconds()).isEqualTo(86_400);
  }

  @ParameterizedTest
  @CsvSource({
    "oidc/app-client",
    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:oidc/app-client-AbCdEf"
  })
  void validate_clientSecretFromSecretsManager_byNameOrArn_isValid(String secret) {
    String spec =
        SpecFixtures.with(
            OAUTH,
            RULE + ".authenticate",
            OIDC + " \"clientSecret\": {\"secretsManager\": \"" + secret + "\"}}");
    SpecResult result = SpecReader.parse(spec);

    assertThat(result.errors()).isEmpty();
    assertThat(
            result
                .spec()
                .loadBalancer()
                .listeners()
                .get(1)
                .rules()
                .get(0)
                .authenticate()
                .clientSecret()
                .toString())
        .isEqualTo("from Secrets Manager " + secret);
  }

  @Test
  void validate_slowStart_withLeastOutstandingRequests_isRefusedAsAwsDoes() {
    String spec = SpecFixtures.with(OAUTH, TG + ".algorithm", "\"least_outstanding_requests\"");
    spec = SpecFixtures.with(spec, TG + ".slowStartSeconds", "60");

    assertThat(SpecReader.parse(spec).errors())
        .extracting(Problem::describe)
        .containsExactly(
            TG
                + ".slowStartSeconds: slow start cannot be combined with"
                + " least_outstanding_requests (AWS refuses it)");
  }

  @Test
  void validate_weightedForward_overAStickyGroup_needsGroupStickiness() {
    String action = "loadBalancer.listeners[1].defaultAction";
    String spec =
        SpecFixtures.with(
            OAUTH,
            action,
            "{\"type\": \"forward\", \"targetGroups\": [{\"name\": \"client\", \"weight\": 1},"
                + " {\"name\": \"backend\", \"weight\": 1}]}");
    spec = SpecFixtures.with(spec, "targetGroups[1].stickinessSeconds", "300");

    assertThat(SpecReader.parse(spec).errors())
        .extracting(Problem::describe)
        .containsExactly(
            action
                + ".stickinessSeconds: target group \"backend\" has stickiness, so this weighted"
                + " forward needs group stickiness (stickinessSeconds, the AWSALBTG cookie), as"
                + " AWS requires");
    String grouped = SpecFixtures.with(spec, action + ".stickinessSeconds", "60");
    assertThat(SpecReader.parse(grouped).errors()).isEmpty();
  }

  @Test
  void validate_ipTargets_checksAddresses() {
    String spec = SpecFixtures.with(OAUTH, TG + ".targetType", "\"ip\"");
    spec =
        SpecFixtures.with(
            spec,
            TG + ".targets",
            "[{\"id\": \"8.8.8.8\"}, {\"id\": \"127.0.0.1\"}, {\"id\": \"300.1.1.1\"}, {\"id\": \"100.64.0.9\"}]");
    SpecResult result = SpecReader.parse(spec);

    assertThat(result.errors())
        .extracting(Problem::describe)
        .containsExactlyInAnyOrder(
            TG
                + ".targets[0].id: 8.8.8.8 is a public address; ip targets must be private (RFC 1918, RFC 6598 or the VPC's own ranges)",
            TG + ".targets[2].id: \"300.1.1.1\" is not an IP address");
    assertThat(result.warnings())
        .extracting(Problem::describe)
        .contains(
            TG
                + ".targets[1].id: 127.0.0.1 is a loopback address: it works with elbctl serve, but AWS rejects it");
  }

  @Test
  void validate_httpOnlySpec_needsNoCertificate() {
    String spec = SpecFixtures.with(OAUTH, "loadBalancer.listeners[1].protocol", "\"HTTP\"");
    spec = SpecFixtures.with(spec, "loadBalancer.listeners[1].sslPolicy", null);
    spec = SpecFixtures.with(spec, "certificate", null);

    assertThat(SpecReader.parse(spec).errors()).isEmpty();
  }

  @Test
  void validate_examples_haveNoErrors() {
    for (String example : List.of("oauth2-split.json", "canary-maintenance.json")) {
      SpecResult result = SpecReader.parse(SpecFixtures.exampleText(example));
      assertThat(result.errors()).as(example).isEmpty();
    }
  }

  /**
   * The quota counts wildcards as the simulator matches them: {@code \\*} is a literal backslash
   * followed by an escaped star, so six of them cost nothing (the validator once counted six).
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"'\\\\*', 0", "'\\*', 0", "'*', 6", "'\\x*', 6"})
  void validate_countsQueryWildcardsAsTheSimulatorMatchesThem(String unit, int expected) {
    String pattern = unit.repeat(6);
    String json = "\"" + pattern.replace("\\", "\\\\") + "\"";
    String spec = SpecFixtures.with(OAUTH, COND, "{\"queryStrings\": [{\"value\": " + json + "}]}");

    List<String> errors = SpecReader.parse(spec).errors().stream().map(Problem::describe).toList();

    if (expected > 5) {
      assertThat(errors)
          .containsExactly(COND + ": a rule allows at most 5 wildcards (* and ?) in all, got 6");
    } else {
      assertThat(errors).as(pattern).isEmpty();
    }
    assertThat(Glob.queryString(pattern).wildcards()).isEqualTo(expected);
  }

  @Test
  void covers_wildcardMatchesOneLabelOnly() {
    assertThat(DnsName.covers("*.example.com", "www.example.com")).isTrue();
    assertThat(DnsName.covers("*.example.com", "example.com")).isFalse();
    assertThat(DnsName.covers("*.example.com", "a.b.example.com")).isFalse();
    assertThat(DnsName.covers("Example.COM.", "example.com")).isTrue();
  }
}
