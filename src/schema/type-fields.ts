import { getMetadataStorage } from "type-graphql";

// type-graphql's metadata types, which its index does not export.
type ObjectTypeMetadata = ReturnType<typeof getMetadataStorage>["objectTypes"][number];
type FieldMetadata = NonNullable<ObjectTypeMetadata["fields"]>[number];

/**
 * The fields type-graphql gives an object type in the schema: those of the interfaces it implements,
 * then its own, a later one replacing an earlier one of the same name (as its schema generator does).
 * Each keeps its `target`, the class that declares it, which is what field resolvers are matched on.
 */
export function fieldsOfObjectType(objectType: ObjectTypeMetadata): FieldMetadata[] {
  const interfaces = getMetadataStorage().interfaceTypes.filter((i) => objectType.interfaceClasses?.includes(i.target));
  const byName = new Map<string, FieldMetadata>();
  for (const field of [...interfaces.flatMap((i) => i.fields ?? []), ...(objectType.fields ?? [])]) byName.set(field.schemaName, field);
  return [...byName.values()];
}
