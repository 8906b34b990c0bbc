import type { LoaderFunctionArgs } from "@remix-run/node";
import { briefExport } from "~/models/brief-export.server";

export const loader = ({ request }: LoaderFunctionArgs) => briefExport(request, "docx");
