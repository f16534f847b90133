// First, before @pulumi/policy loads: defer the @pulumi/pulumi index it requires (start-up), and
// deserialise each request's inputs once for all policies (protocol cost). See the two modules.
import "./lib/lazy-pulumi-index";
import "./lib/deserialize-once";
import { PolicyPack } from "@pulumi/policy";
import { baselinePolicies } from "./policies";

// The entry the Pulumi CLI runs: constructing the pack starts the Analyzer server.
new PolicyPack("eks-baseline", { policies: baselinePolicies });
