package io.elbctl.aws;

import static io.elbctl.aws.InventoryReader.filter;

import io.elbctl.plan.Diagnosis;
import io.elbctl.plan.Inventory;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** Reads, for doctor, whether each subnet the load balancer uses routes to an internet gateway. */
final class SubnetRouteReader {
  private final AwsClients clients;

  SubnetRouteReader(AwsClients clients) {
    this.clients = clients;
  }

  List<Diagnosis.SubnetRoute> read(Spec spec, Inventory inventory) {
    List<String> ids =
        inventory.loadBalancer() != null
            ? inventory.loadBalancer().subnets()
            : spec.network().subnets();
    List<Subnet> subnets;
    if (!ids.isEmpty()) {
      subnets =
          clients.ec2().describeSubnetsPaginator(r -> r.subnetIds(ids)).subnets().stream().toList();
    } else {
      String vpc = spec.network().vpcId();
      Filter filter =
          "default".equals(vpc) ? filter("default-for-az", "true") : filter("vpc-id", vpc);
      subnets =
          clients.ec2().describeSubnetsPaginator(r -> r.filters(filter)).subnets().stream()
              .toList();
    }
    if (subnets.isEmpty()) {
      return List.of();
    }
    String vpcId = subnets.get(0).vpcId();
    Map<String, Boolean> bySubnet = new HashMap<>();
    Boolean main = null;
    for (var table :
        clients
            .ec2()
            .describeRouteTablesPaginator(r -> r.filters(filter("vpc-id", vpcId)))
            .routeTables()) {
      boolean igw =
          table.routes().stream()
              .anyMatch(
                  route ->
                      "0.0.0.0/0".equals(route.destinationCidrBlock())
                          && route.gatewayId() != null
                          && route.gatewayId().startsWith("igw-"));
      for (var association : table.associations()) {
        if (Boolean.TRUE.equals(association.main())) {
          main = igw;
        } else if (association.subnetId() != null) {
          bySubnet.put(association.subnetId(), igw);
        }
      }
    }
    List<Diagnosis.SubnetRoute> routes = new ArrayList<>();
    for (var subnet : subnets) {
      Boolean igw = bySubnet.getOrDefault(subnet.subnetId(), main);
      routes.add(
          new Diagnosis.SubnetRoute(
              subnet.subnetId(), subnet.availabilityZone(), Boolean.TRUE.equals(igw)));
    }
    return routes;
  }
}
