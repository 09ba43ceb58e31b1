// The page's query: the first page of the results table.
import { graphql } from 'relay-runtime';

export const query = graphql`
  query ResultsPageQuery($electionId: ID!) {
    ...ResultsList_query @arguments(electionId: $electionId)
  }
`;
