// Generated topologies for the tests and benchmarks that need a large scenario: VPCs peered in
// a chain, each with a few instances and a route to every other VPC through the peering that
// leads towards it. Neighbours are delivered; every other pair crosses one peering and is
// dropped there (transitive peering), so every trace walks two VPCs and the matrix has both.

/** `vpcs` VPCs × `hosts` instances each (`i-<vpc>-<n>`), 10.<vpc>.0.0/16 each. */
export function chain(vpcs: number, hosts: number) {
  const out: any = {
    format: 'vpc-playground/1', name: `${vpcs * hosts} hosts in ${vpcs} peered VPCs`,
    vpcs: [], subnets: [], route_tables: [], instances: [], peering_connections: [],
  };
  for (let v = 0; v < vpcs; v++) {
    out.vpcs.push({ id: `vpc-${v}`, name: `V${v}`, account: '111111111111', region: 'us-east-1', cidrs: [`10.${v}.0.0/16`] });
    out.subnets.push({ id: `subnet-${v}`, vpc: `vpc-${v}`, cidr: `10.${v}.1.0/24` });
    for (let h = 0; h < hosts; h++) {
      out.instances.push({ id: `i-${v}-${h}`, subnet: `subnet-${v}`, private_ip: `10.${v}.1.${10 + h}` });
    }
    const routes = [];
    for (let o = 0; o < vpcs; o++) {
      if (o !== v) routes.push({ destination: `10.${o}.0.0/16`, target: o < v ? `pcx-${v - 1}` : `pcx-${v}` });
    }
    out.route_tables.push({ id: `rtb-${v}`, vpc: `vpc-${v}`, main: true, routes });
    if (v < vpcs - 1) {
      out.peering_connections.push({ id: `pcx-${v}`, requester: `vpc-${v}`, accepter: `vpc-${v + 1}`, status: 'active' });
    }
  }
  return out;
}
