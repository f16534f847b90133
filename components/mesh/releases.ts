/**
 * Pure builders for the Istio Helm releases: which charts, in which order, with which values.
 */
import { MeshMode } from "./args";

/** One Helm release of the mesh. */
export interface IstioRelease {
    /** Key used in Pulumi names and outputs. */
    key: "base" | "istiod" | "cni" | "ztunnel";
    /** Helm release name. */
    name: string;
    /** Chart name in the Istio repository. */
    chart: string;
    values: Record<string, unknown>;
    /** Keys of the releases that must be ready first. */
    after: IstioRelease["key"][];
}

/**
 * The releases for a mode. Both modes run the CNI node agent and tell istiod to rely on it
 * (`pilot.cni.enabled`), so injected sidecars get no privileged istio-init container and pods
 * in restricted namespaces can join the mesh (MESH-4). Ambient mode sets the `ambient` profile
 * on istiod and the CNI agent and adds ztunnel, the node proxy.
 */
export function istioReleases(mode: MeshMode): IstioRelease[] {
    const ambient = mode === "ambient";
    const profile = ambient ? { profile: "ambient" } : {};
    const releases: IstioRelease[] = [
        // CRDs and cluster roles; everything else waits for it.
        { key: "base", name: "istio-base", chart: "base", values: {}, after: [] },
        { key: "cni", name: "istio-cni", chart: "cni", values: { ...profile }, after: ["base"] },
        {
            key: "istiod",
            name: "istiod",
            chart: "istiod",
            values: { ...profile, pilot: { cni: { enabled: true } } },
            after: ["base", "cni"],
        },
    ];
    if (ambient) {
        releases.push({ key: "ztunnel", name: "ztunnel", chart: "ztunnel", values: { ...profile }, after: ["istiod", "cni"] });
    }
    return releases;
}
