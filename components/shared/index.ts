export * from "./errors";
export * from "./iam";
export * from "./naming";
export * from "./tags";
export * from "./kubernetes";
export * from "./arns";
export * from "./aws";
