/**
 * Account-level EBS encryption defaults (SEC-8): every new EBS volume in the account and region
 * is encrypted, with the baseline's EBS key as the default key, whoever creates it.
 *
 * ```ts
 * new EbsEncryptionDefaults("prod", { ebsKeyArn: keys.ebsKeyArn });
 * ```
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../shared/naming";

export * from "./storage-class";

/** Inputs of {@link EbsEncryptionDefaults}. */
export interface EbsEncryptionDefaultsArgs {
    /** The key new volumes are encrypted with by default (SEC-3, SEC-8). Required. */
    ebsKeyArn: pulumi.Input<string>;
}

/**
 * `aws.ebs.EncryptionByDefault` enabled and `aws.ebs.DefaultKmsKey` the EBS key. Both are
 * account-and-region settings: in an account shared with other teams the stack opts out
 * (`baseline:storage.accountEncryptionDefaults: false`) and the account owner sets them.
 * Type token `baseline:storage:EbsEncryptionDefaults`.
 */
export class EbsEncryptionDefaults extends pulumi.ComponentResource {
    /** The encryption-by-default setting. */
    public readonly encryptionByDefault: aws.ebs.EncryptionByDefault;
    /** The default key setting. */
    public readonly defaultKmsKey: aws.ebs.DefaultKmsKey;

    constructor(name: string, args: EbsEncryptionDefaultsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("baseline:storage:EbsEncryptionDefaults", name, {}, opts);
        this.encryptionByDefault = new aws.ebs.EncryptionByDefault(
            childName(name, "ebs-encryption-by-default"),
            { enabled: true },
            { parent: this },
        );
        this.defaultKmsKey = new aws.ebs.DefaultKmsKey(
            childName(name, "ebs-default-kms-key"),
            { keyArn: args.ebsKeyArn },
            { parent: this, dependsOn: [this.encryptionByDefault] },
        );
        this.registerOutputs({});
    }
}
