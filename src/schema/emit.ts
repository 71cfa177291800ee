import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { printGatewaySchema } from "./build.js";

/** `npm run schema`: writes schema.graphql, which codegen and the drift test read. */
writeFileSync("schema.graphql", printGatewaySchema());
console.log("schema.graphql written");
