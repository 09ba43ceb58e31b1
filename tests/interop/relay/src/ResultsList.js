// The results table: a Relay connection, paginated with @connection (Relay generates ResultsListPaginationQuery).
import { graphql } from 'relay-runtime';

export const fragment = graphql`
  fragment ResultsList_query on Query
  @refetchable(queryName: "ResultsListPaginationQuery")
  @argumentDefinitions(electionId: { type: "ID!" }, count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
    councilResults(electionId: $electionId, first: $count, after: $cursor) @connection(key: "ResultsList_councilResults") {
      edges {
        node { id ...CouncilResultCard_result }
      }
    }
  }
`;
