import { useEffect, useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, DropZone, InlineStack, List, Text } from "@shopify/polaris";
import { useAppBridge } from "@shopify/app-bridge-react";
import { downloadFile } from "~/ui/download";

interface ImportResult {
  ok: boolean;
  intent?: string;
  summary?: string;
  errors?: { line: number; column: string | null; value: string | null; message: string }[];
}

interface Props {
  title: string;
  description: string;
  intent: "import-suppliers" | "import-terms";
  templateUrl: string;
  templateName: string;
}

const MAX_SHOWN_ERRORS = 50;

/** Drop a CSV, see every bad cell by line and column; a file with any error writes nothing. */
export function CsvImportCard({ title, description, intent, templateUrl, templateName }: Props) {
  const shopify = useAppBridge();
  const importer = useFetcher<ImportResult>();
  const [fileName, setFileName] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const result = importer.data?.intent === intent || importer.data?.ok === false ? importer.data : undefined;

  useEffect(() => {
    if (importer.state === "idle" && importer.data?.ok && importer.data.intent === intent) shopify.toast.show(importer.data.summary ?? "Imported");
  }, [importer.state, importer.data, intent, shopify]);

  const onDrop = async (files: File[]) => {
    const file = files[0];
    setReadError(null);
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) {
      setReadError(`${file.name} is over 5 MB: split it into smaller files.`);
      return;
    }
    setFileName(file.name);
    importer.submit({ intent, csv: await file.text() }, { method: "post", action: "/app/suppliers" });
  };

  return (
    // A named region: screen readers (and tests) tell the two import cards apart.
    <section aria-label={title}>
      <Card>
        <BlockStack gap="300">
          <InlineStack align="space-between" blockAlign="center">
            <Text as="h2" variant="headingMd">
              {title}
            </Text>
            <Button variant="plain" onClick={() => void downloadFile(templateUrl, templateName).catch((e: Error) => shopify.toast.show(e.message, { isError: true }))}>
              Download template
            </Button>
          </InlineStack>
          <Text as="p" tone="subdued">
            {description}
          </Text>
          <DropZone accept=".csv,text/csv" type="file" allowMultiple={false} onDrop={(files) => void onDrop(files)} label={title} labelHidden>
            <DropZone.FileUpload actionTitle={importer.state !== "idle" ? "Importing…" : "Add CSV file"} actionHint={fileName ? `Last file: ${fileName}` : "or drop a file to import"} />
          </DropZone>
          {readError && <Banner tone="critical">{readError}</Banner>}
          {result && !result.ok && result.errors && (
            <Banner tone="critical" title={`Nothing was imported: ${result.errors.length} problem${result.errors.length === 1 ? "" : "s"} in ${fileName ?? "the file"}`}>
              <List type="bullet">
                {result.errors.slice(0, MAX_SHOWN_ERRORS).map((error, i) => (
                  <List.Item key={i}>
                    {error.line > 0 ? `Line ${error.line}` : "File"}
                    {error.column ? `, column ${error.column}` : ""}
                    {error.value ? ` ("${error.value}")` : ""}: {error.message}
                  </List.Item>
                ))}
              </List>
              {result.errors.length > MAX_SHOWN_ERRORS && <Text as="p">…and {result.errors.length - MAX_SHOWN_ERRORS} more.</Text>}
            </Banner>
          )}
          {result?.ok && <Banner tone="success">{result.summary}</Banner>}
        </BlockStack>
      </Card>
    </section>
  );
}
