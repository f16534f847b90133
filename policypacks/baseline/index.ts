import { PolicyPack } from "@pulumi/policy";
import { baselinePolicies } from "./policies";

// The entry the Pulumi CLI runs: constructing the pack starts the Analyzer server.
new PolicyPack("eks-baseline", { policies: baselinePolicies });
